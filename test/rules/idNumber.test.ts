import fc from 'fast-check';
import { expectedCheckChar, isValidIdNumber, parseIdNumber, PROVINCE_CODES, IdCheck } from '../../src/rules/idNumber';

/**
 * Independent ISO 7064 MOD 11-2: the weight of position i (1-based, from the left) is
 * 2^(18-i) mod 11, and the check value c solves (sum + c) ≡ 1 (mod 11), with 10 written as X.
 */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i += 1) {
    let weight = 1;
    for (let k = 0; k < 18 - i; k += 1) weight = (weight * 2) % 11;
    sum += Number(first17[i - 1]) * weight;
  }
  const c = (((1 - sum) % 11) + 11) % 11;
  return c === 10 ? 'X' : String(c);
}

function withCheck(first17: string): string {
  return first17 + referenceCheckChar(first17);
}

function reasonOf(result: IdCheck): string {
  if (result.valid) throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
  return result.reason;
}

describe('expectedCheckChar', () => {
  it('gives the check characters of the examples in GB 11643-1999', () => {
    expect(expectedCheckChar('11010519491231002')).toBe('X');
    expect(expectedCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with an independent MOD 11-2 implementation', () => {
    for (const first17 of ['11010119900307803', '31011519850612234', '65010219991231001', '00000000000000000']) {
      expect(expectedCheckChar(first17)).toBe(referenceCheckChar(first17));
    }
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => expectedCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => expectedCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseIdNumber: valid 18-digit IDs', () => {
  it('reads the standard example 11010519491231002X', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      valid: true,
      id: '11010519491231002X',
      legacy15: false,
      birth: { year: 1949, month: 12, day: 31 },
      sex: 'F',
      provinceCode: '11',
      provinceName: '北京',
    });
  });

  it('reads real-looking IDs from several provinces', () => {
    const shanghai = parseIdNumber(withCheck('31011519850612234'));
    expect(shanghai).toMatchObject({ valid: true, sex: 'F', provinceName: '上海', birth: { year: 1985, month: 6, day: 12 } });
    const xinjiang = parseIdNumber(withCheck('65010219991231001'));
    expect(xinjiang).toMatchObject({ valid: true, sex: 'M', provinceName: '新疆', birth: { year: 1999, month: 12, day: 31 } });
    const macau = parseIdNumber(withCheck('82000020000101002'));
    expect(macau).toMatchObject({ valid: true, sex: 'F', provinceCode: '82', provinceName: '澳门' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseIdNumber(withCheck('51010719920229001'))).toMatchObject({ valid: true, birth: { year: 1992, month: 2, day: 29 } });
  });

  it('accepts a birth date of 1900-01-01, the earliest allowed', () => {
    expect(isValidIdNumber(withCheck('11010119000101001'))).toBe(true);
  });

  it('takes the sex from the 17th digit: odd is male, even is female', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      const result = parseIdNumber(withCheck(`3101151985061223${digit}`));
      expect(result).toMatchObject({ valid: true, sex: digit % 2 === 1 ? 'M' : 'F' });
    }
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ valid: true, id: '11010519491231002X' });
  });

  it('trims spaces, tabs and full-width spaces', () => {
    expect(parseIdNumber('  11010519491231002X\t')).toMatchObject({ valid: true, id: '11010519491231002X' });
    expect(parseIdNumber('\u300011010519491231002X\u3000')).toMatchObject({ valid: true, id: '11010519491231002X' });
  });

  it('converts full-width digits and a full-width X or x', () => {
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ valid: true, id: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toMatchObject({ valid: true, id: '11010519491231002X' });
  });
});

describe('parseIdNumber: 15-digit legacy IDs', () => {
  it('reads the birth date as 19YYMMDD and the sex from the 15th digit', () => {
    expect(parseIdNumber('110105491231002')).toEqual({
      valid: true,
      id: '110105491231002',
      legacy15: true,
      birth: { year: 1949, month: 12, day: 31 },
      sex: 'F',
      provinceCode: '11',
      provinceName: '北京',
    });
    expect(parseIdNumber('440524800101001')).toMatchObject({ valid: true, sex: 'M', birth: { year: 1980, month: 1, day: 1 } });
  });

  it('has no check character, so any last digit is fine', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      expect(isValidIdNumber(`44052480010100${digit}`)).toBe(true);
    }
  });

  it('rejects an X in a 15-character ID', () => {
    expect(reasonOf(parseIdNumber('44052480010100X'))).toBe('15位旧身份证号只能由数字组成，不能含有X。');
  });

  it('rejects an invalid 6-digit birth date', () => {
    expect(reasonOf(parseIdNumber('440524800230001'))).toContain('出生日期“800230”不是有效日期');
  });
});

describe('parseIdNumber: failure reasons', () => {
  it('reports an empty cell', () => {
    expect(parseIdNumber('')).toEqual({ valid: false, reason: '身份证号为空。' });
    expect(parseIdNumber('   \u3000 ')).toEqual({ valid: false, reason: '身份证号为空。' });
    expect(parseIdNumber(null)).toEqual({ valid: false, reason: '身份证号为空。' });
    expect(parseIdNumber(undefined)).toEqual({ valid: false, reason: '身份证号为空。' });
  });

  it('reports the wrong length with the actual length', () => {
    expect(reasonOf(parseIdNumber('11010519491231002'))).toBe('身份证号位数不对：应为18位（旧式号码为15位），实际为17位。');
    expect(reasonOf(parseIdNumber('11010519491231002X1'))).toContain('实际为19位');
    expect(reasonOf(parseIdNumber('1101054912310'))).toContain('实际为13位');
  });

  it('reports non-digit characters, naming the character', () => {
    expect(reasonOf(parseIdNumber('1101051949123100Y2'))).toBe('身份证号含有非数字字符“Y”：只能是数字，18位号码的最后一位可以是X。');
    expect(reasonOf(parseIdNumber('110105 19491231002X'))).toContain('非数字字符空格');
    expect(reasonOf(parseIdNumber('见附件'))).toContain('非数字字符“见”');
    expect(reasonOf(parseIdNumber('110105-1949-1231-002X'))).toContain('“-”');
  });

  it('reports an X that is not the last character', () => {
    expect(reasonOf(parseIdNumber('1101051949123100X2'))).toBe('身份证号中的X只能出现在第18位（最后一位）。');
  });

  it('reports an invalid province code', () => {
    expect(reasonOf(parseIdNumber(withCheck('99010519491231002')))).toBe('身份证号前两位“99”不是有效的省级行政区划代码。');
    expect(reasonOf(parseIdNumber(withCheck('00010519491231002')))).toContain('“00”');
    expect(reasonOf(parseIdNumber('100105491231002'))).toContain('“10”');
  });

  it('reports an invalid birth date', () => {
    expect(reasonOf(parseIdNumber(withCheck('11010519491331002')))).toBe(
      '身份证号中的出生日期“19491331”不是有效日期（年份须在1900年及以后，月、日须真实存在）。',
    );
    expect(reasonOf(parseIdNumber(withCheck('11010519930229002')))).toContain('“19930229”');
    expect(reasonOf(parseIdNumber(withCheck('11010519490000002')))).toContain('“19490000”');
  });

  it('rejects a birth year before 1900, even with a correct check character (the 1880 standard example)', () => {
    // 440524188001010014 is GB 11643's own example and its check character is right,
    // but the module only accepts birth years from 1900 (Excel dates start there).
    expect(expectedCheckChar('44052418800101001')).toBe('4');
    expect(reasonOf(parseIdNumber('440524188001010014'))).toContain('“18800101”');
  });

  it('reports a wrong check character and says which one is expected', () => {
    expect(reasonOf(parseIdNumber('110105194912310021'))).toBe('身份证号校验位错误：按前17位计算，第18位应为“X”，实际为“1”；请核对号码是否录错。');
    expect(reasonOf(parseIdNumber('44052419800101001X'))).toContain(`应为“${referenceCheckChar('44052419800101001')}”`);
  });

  it('reports a transposition of two digits through the check character', () => {
    // MOD 11-2 catches every swap of two adjacent different digits.
    expect(reasonOf(parseIdNumber('11010519491231020X'))).toContain('校验位错误');
  });

  it('reports values that are not text', () => {
    for (const value of [true, {}, [], new Date(2020, 0, 1)]) {
      expect(reasonOf(parseIdNumber(value))).toBe('身份证号应为文本，此单元格的内容不是文本。');
    }
  });
});

describe('parseIdNumber: IDs stored as numbers', () => {
  it('reports an 18-digit number as already corrupted and does not fix it', () => {
    const result = parseIdNumber(110105194912310000);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.storedAsNumber).toBe(true);
    expect(result.reason).toContain('15位有效数字');
    expect(result.reason).toContain('单元格设为文本');
  });

  it('reports 16- and 17-digit numbers the same way', () => {
    expect(parseIdNumber(1101051949123100)).toMatchObject({ valid: false, storedAsNumber: true });
    expect(parseIdNumber(11010519491231002)).toMatchObject({ valid: false, storedAsNumber: true });
    expect(parseIdNumber(1.1e20)).toMatchObject({ valid: false, storedAsNumber: true });
  });

  it('reads a 15-digit number as a legacy ID, which a double holds exactly', () => {
    expect(parseIdNumber(110105491231002)).toMatchObject({ valid: true, id: '110105491231002', legacy15: true, sex: 'F' });
  });

  it('marks an invalid 15-digit number as stored as a number, with the specific reason', () => {
    expect(parseIdNumber(990105491231002)).toEqual({
      valid: false,
      reason: '身份证号前两位“99”不是有效的省级行政区划代码。',
      storedAsNumber: true,
    });
  });

  it('reports short numbers, fractions and non-finite numbers as stored as numbers', () => {
    for (const value of [12345, 110105491231002.5, -110105491231002, 0, NaN, Infinity, -Infinity]) {
      const result = parseIdNumber(value);
      expect(result).toMatchObject({ valid: false, storedAsNumber: true });
      if (!result.valid) expect(result.reason).toContain('单元格设为文本');
    }
  });
});

describe('PROVINCE_CODES', () => {
  it('holds the 34 province-level regions', () => {
    expect(Object.keys(PROVINCE_CODES)).toHaveLength(34);
    expect(PROVINCE_CODES['23']).toBe('黑龙江');
    expect(PROVINCE_CODES['71']).toBe('台湾');
  });
});

describe('property tests', () => {
  const provinceArb = fc.constantFrom(...Object.keys(PROVINCE_CODES));
  const regionRestArb = fc.stringMatching(/^\d{4}$/);
  const birthArb = fc
    .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
  const sequenceArb = fc.stringMatching(/^\d{3}$/);
  const first17Arb = fc.tuple(provinceArb, regionRestArb, birthArb, sequenceArb).map(([province, rest, birth, sequence]) => province + rest + birth + sequence);

  it('a valid prefix plus expectedCheckChar is valid, with the right birth date and sex', () => {
    fc.assert(
      fc.property(first17Arb, (first17) => {
        expect(expectedCheckChar(first17)).toBe(referenceCheckChar(first17));
        const result = parseIdNumber(first17 + expectedCheckChar(first17));
        expect(result.valid).toBe(true);
        if (!result.valid) return;
        expect(result.birth.year).toBe(Number(first17.slice(6, 10)));
        expect(result.birth.month).toBe(Number(first17.slice(10, 12)));
        expect(result.birth.day).toBe(Number(first17.slice(12, 14)));
        expect(result.sex).toBe(Number(first17[16]) % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  it('any other check character makes it invalid, naming the expected one', () => {
    const checkCharArb = fc.constantFrom(...'0123456789X'.split(''));
    fc.assert(
      fc.property(first17Arb, checkCharArb, (first17, other) => {
        const expected = expectedCheckChar(first17);
        fc.pre(other !== expected);
        const result = parseIdNumber(first17 + other);
        expect(result.valid).toBe(false);
        if (!result.valid) expect(result.reason).toContain(`应为“${expected}”`);
      }),
    );
  });

  it('changing any one of the first 17 digits makes it invalid', () => {
    fc.assert(
      fc.property(first17Arb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, at, shift) => {
        const id = first17 + expectedCheckChar(first17);
        const changed = String((Number(id[at]) + shift) % 10);
        expect(isValidIdNumber(id.slice(0, at) + changed + id.slice(at + 1))).toBe(false);
      }),
    );
  });

  it('never throws, whatever the cell holds', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseIdNumber(value);
        expect(typeof result.valid).toBe('boolean');
        if (!result.valid) expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.double(), (text, number) => {
        parseIdNumber(text);
        parseIdNumber(number);
      }),
    );
  });
});

describe('IDs that Excel has already damaged, as they arrive in text (a CSV saved from Excel)', () => {
  it.each(['4.50421E+17', '4.50421198001E+17', '4.5E17'])('%s is reported as stored as a number', (text) => {
    const check = parseIdNumber(text);
    expect(check.valid).toBe(false);
    if (!check.valid) {
      expect(check.storedAsNumber).toBe(true);
      expect(check.reason).toContain('15位有效数字');
    }
  });

  it('18 digits ending in 000 with a wrong check character: the lost digits are named, not a typo', () => {
    const check = parseIdNumber('450421198001011000');
    expect(check.valid).toBe(false);
    if (!check.valid) expect(check.reason).toContain('很可能 Excel 曾把它存成数字');
  });

  it('a valid ID that happens to end in 000 stays valid', () => {
    const first17 = '45042119800108000'; // its check character is 0
    const id = first17 + expectedCheckChar(first17);
    expect(id.endsWith('000')).toBe(true);
    expect(parseIdNumber(id).valid).toBe(true);
  });
});

describe('parseIdNumber with today: future birth dates and ages over 120', () => {
  const today = 46357; // 2026-12-01
  const id = (birth: string) => withCheck(`110105${birth}002`);

  it('born today or earlier is valid; born tomorrow is not, and the message says the birth date is after today', () => {
    expect(parseIdNumber(id('20261201'), { todaySerial: today }).valid).toBe(true);
    const reason = reasonOf(parseIdNumber(id('20261202'), { todaySerial: today }));
    expect(reason).toContain('2026-12-02');
    expect(reason).toContain('晚于今天');
  });

  it('age 120 is valid, 121 is not, and the message gives the age', () => {
    expect(parseIdNumber(id('19061201'), { todaySerial: today }).valid).toBe(true);
    expect(parseIdNumber(id('19051202'), { todaySerial: today }).valid).toBe(true);
    const reason = reasonOf(parseIdNumber(id('19051201'), { todaySerial: today }));
    expect(reason).toContain('年龄121岁');
    expect(reason).toContain('超过120岁');
    expect(reasonOf(parseIdNumber(id('19000101'), { todaySerial: today }))).toContain('126岁');
  });

  it('a legacy 15-digit number is checked too (born 19YY)', () => {
    expect(reasonOf(parseIdNumber('110105000101002', { todaySerial: today }))).toContain('126岁');
    expect(parseIdNumber('110105650101002', { todaySerial: today }).valid).toBe(true);
  });

  it('without today, only the date itself is checked (the roster engine’s old behaviour)', () => {
    expect(parseIdNumber(id('20991231')).valid).toBe(true);
  });
});
