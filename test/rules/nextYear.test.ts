/**
 * Next year's roster: the same people and plans, shares carried into 份数 and 上年份数, the effective
 * date one cover year (COVER_MONTHS) later, members reaching retirement age by then left out.
 */
import fc from 'fast-check';
import { COVER_MONTHS } from '../../src/rules/catalogue';
import { isoFromSerial, parseDate } from '../../src/rules/dates';
import { latestRetirementDate } from '../../src/rules/retirement';
import { nextEffectiveSerial, nextYearRoster } from '../../src/rules/renewal';
import { checkRoster } from '../../src/rules/roster';
import { makeId, member, Person, personId, rosterRows } from './rosterKit';

const build = (people: Person[]) => nextYearRoster([{ name: '花名册', file: 'now.xlsx', rows: rosterRows(people) }]);
const serial = (iso: string) => parseDate(iso) as number;
const iso = (value: unknown) => isoFromSerial(value as number);
const ymd = ({ year, month, day }: { year: number; month: number; day: number }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

describe('nextEffectiveSerial', () => {
  it('is the same day a cover year later', () => {
    expect(COVER_MONTHS).toBe(12);
    expect(isoFromSerial(nextEffectiveSerial(serial('2026-01-01')))).toBe('2027-01-01');
    expect(isoFromSerial(nextEffectiveSerial(serial('2026-12-31')))).toBe('2027-12-31');
    expect(isoFromSerial(nextEffectiveSerial(serial('2027-02-28')))).toBe('2028-02-28');
  });

  it('reads 29 February as 28 February of the next year (as EDATE)', () => {
    expect(isoFromSerial(nextEffectiveSerial(serial('2028-02-29')))).toBe('2029-02-28');
  });

  it('always lands 365 or 366 days later, in the same month', () => {
    fc.assert(
      fc.property(fc.integer({ min: serial('2000-01-01'), max: serial('2098-12-31') }), (day) => {
        const next = nextEffectiveSerial(day);
        expect([365, 366]).toContain(next - day);
        expect(isoFromSerial(next).slice(5, 7)).toBe(isoFromSerial(day).slice(5, 7));
      }),
    );
  });
});

describe('nextYearRoster', () => {
  it('carries people and plans, shares into 份数 and 上年份数, and moves the date a year on', () => {
    const roster = build([
      member({ unit: '甲', name: '张三', id: personId(1), plan: '综合', shares: 3, previousShares: 2, funding: '职工个人交纳', effectiveDate: '2026年1月1日' }),
      member({ unit: '甲', name: '李四', sex: '女', id: ` ${personId(2, 'F').toLowerCase()} `, plan: '女职工 安康', shares: '2份', effectiveDate: 46023 }),
    ]);
    expect(roster.headers).toEqual(['序号', '单位', '姓名', '性别', '身份证号', '参保计划', '份数', '生效日期', '上年份数', '出资方式', '联系电话']);
    const at = (row: number, field: string) => roster.rows[row][roster.fields.indexOf(field as never)];
    expect(roster.rows[0]).toEqual([1, '甲', '张三', '男', personId(1), '综合', 3, serial('2027-01-01'), 3, '职工个人交纳', null]);
    expect(at(1, 'id')).toBe(personId(2, 'F').toUpperCase());
    expect(at(1, 'plan')).toBe('女职工安康');
    expect([at(1, 'shares'), at(1, 'previousShares'), iso(at(1, 'effectiveDate'))]).toEqual([2, 2, '2027-01-01']);
    expect(roster.retiring).toEqual([]);
  });

  it("leaves out whoever reaches the latest retirement age by next year's date, and lists them", () => {
    // A man born 1966-03-15: his latest retirement date under the 2024 decision.
    const birth = { year: 1966, month: 3, day: 15 };
    const retires = ymd(latestRetirementDate(birth, 'M'));
    const id = makeId({ birth: '19660315', sex: 'M' });
    const dayBefore = isoFromSerial(serial(retires) - 1);
    // Next year's date on the retirement day: out. The day before: still serving, carried.
    const onTheDay = build([member({ id, effectiveDate: isoFromSerial(serial(retires) - 365) })]);
    const lastYearBefore = serial(dayBefore) - 365;
    const before = build([member({ id, effectiveDate: isoFromSerial(lastYearBefore) })]);
    expect(isoFromSerial(nextEffectiveSerial(serial(retires) - 365))).toBe(retires); // no leap day in between
    expect(onTheDay.rows).toEqual([]);
    expect(onTheDay.retiring).toEqual([
      expect.objectContaining({
        id,
        name: '张三',
        plan: '综合',
        shares: 1,
        nextEffectiveDate: retires,
        retirementDate: retires,
        file: 'now.xlsx',
        sheet: '花名册',
        row: 2,
      }),
    ]);
    expect(before.rows).toHaveLength(1);
    expect(before.retiring).toEqual([]);
  });

  it('carries a duplicate once, and faulty values as they were (for the clerk to fix)', () => {
    const roster = build([
      member({ id: personId(1), shares: 2 }),
      member({ id: personId(1), shares: 2 }),
      member({ name: '王五', id: 450421198001011200, plan: '养老保险', shares: 'x', effectiveDate: '2026-02-30' }),
    ]);
    expect(roster.duplicatesDropped).toBe(1);
    expect(roster.rows).toHaveLength(2);
    const faulty = roster.rows[1];
    const field = (name: string) => faulty[roster.fields.indexOf(name as never)];
    expect([field('id'), field('plan'), field('shares'), field('previousShares'), field('effectiveDate')]).toEqual([
      450421198001011200,
      '养老保险',
      'x',
      null,
      '2026-02-30',
    ]);
    expect(field('seq')).toBe(2);
  });

  it('every person × plan of this year is either carried or listed as retiring, once; the new roster reads back with no one past retirement age', () => {
    const births = ['19600101', '19640615', '19700101', '19850101', '19990101'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            n: fc.integer({ min: 0, max: 9 }),
            birth: fc.constantFrom(...births),
            plan: fc.constantFrom('综合', '团体意外'),
            shares: fc.integer({ min: 1, max: 5 }),
          }),
          { maxLength: 12 },
        ),
        (entries) => {
          const people = entries.map((e) => member({ id: makeId({ birth: e.birth, seq: String(100 + e.n * 2 + 1) }), plan: e.plan, shares: e.shares }));
          const roster = build(people);
          const keys = new Set(entries.map((e) => `${e.birth}/${e.n}/${e.plan}`));
          expect(roster.rows.length + roster.retiring.length).toBe(keys.size);
          // Next year's roster read as a roster: no one in it is past retirement age on its date.
          const again = checkRoster([{ name: '续保', rows: [roster.headers, ...roster.rows] }]);
          expect(again.findings.filter((f) => f.rule === 'AGE_OUT_OF_SERVICE' && !f.message.includes('未满'))).toEqual([]);
          expect(again.summary.rows).toBe(roster.rows.length);
        },
      ),
    );
  });
});
