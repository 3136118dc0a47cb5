import fc from 'fast-check';
import { designatedDiseaseName, DiagnosisMatch, matchDiagnosis, matchWomensCancer } from '../../src/rules/diseases';

/**
 * The 15 designated diseases of the flyer ("十五种指定疾病(手术)保障所指范围"):
 * 1 原发性恶性肿瘤; 2 终末期肾病; 3 颅内原发性肿瘤摘除术; 4 冠状动脉搭桥术; 5 心脏瓣膜置换手术;
 * 6 非典型肺炎; 7 心、肾、肝、肺、造血干细胞移植术; 8 再生障碍性贫血; 9 急性或亚急性重型肝炎;
 * 10 四肢瘫痪; 11 主动脉手术; 12 致病性人禽流感; 13 严重运动神经元病; 14 严重III度烧伤;
 * 15 冠状动脉支架植入术.
 */
function numberOf(match: DiagnosisMatch): number {
  if (match.kind !== 'designated') throw new Error(`expected designated, got ${JSON.stringify(match)}`);
  return match.number;
}

describe('matchDiagnosis: common wording of each designated disease', () => {
  it.each([
    ['肺癌', 1],
    ['肝癌', 1],
    ['原发性肝癌', 1],
    ['胃癌', 1],
    ['结肠癌', 1],
    ['鼻咽癌', 1],
    ['乳腺癌', 1],
    ['宫颈癌', 1],
    ['白血病', 1],
    ['急性髓系白血病', 1],
    ['非霍奇金淋巴瘤', 1],
    ['多发性骨髓瘤', 1],
    ['骨肉瘤', 1],
    ['恶性肿瘤', 1],
    ['尿毒症', 2],
    ['慢性肾功能衰竭尿毒症期', 2],
    ['终末期肾病', 2],
    ['终未期肾病', 2], // the flyer's own typo
    ['慢性肾衰竭 维持性透析', 2],
    ['脑膜瘤切除术', 3],
    ['垂体瘤切除术', 3],
    ['颅内肿瘤摘除术', 3],
    ['冠状动脉搭桥术', 4],
    ['冠状动脉旁路移植手术', 4],
    ['CABG', 4],
    ['心脏瓣膜置换', 5],
    ['二尖瓣置换术', 5],
    ['主动脉瓣置换', 5],
    ['SARS', 6],
    ['传染性非典型肺炎', 6],
    ['异基因造血干细胞移植', 7],
    ['III度烧伤面积25%', 14],
    ['Ⅲ度烧伤 30%TBSA', 14],
    ['三度烧伤面积约40%', 14],
    ['PCI术 前降支植入支架', 15],
    ['肝移植', 7],
    ['肾移植', 7],
    ['心脏移植', 7],
    ['再生障碍性贫血', 8],
    ['再障', 8],
    ['急性重型肝炎', 8 + 1],
    ['亚急性重型肝炎', 9],
    ['四肢瘫痪', 10],
    ['主动脉夹层手术', 11],
    ['主动脉夹层腔内修复术', 11],
    ['主动脉支架植入', 11],
    ['H7N9禽流感', 12],
    ['人感染H7N9', 12],
    ['禽流感', 12],
    ['渐冻症', 13],
    ['肌萎缩侧索硬化', 13],
    ['运动神经元病', 13],
    ['心脏支架', 15],
    ['冠脉支架植入术', 15],
    ['冠状动脉支架植入术', 15],
  ])('%s → %d', (diagnosis, expected) => {
    expect(numberOf(matchDiagnosis(diagnosis))).toBe(expected);
  });

  it('ignores spaces and full-width letters', () => {
    expect(numberOf(matchDiagnosis(' 肺 癌 '))).toBe(1);
    expect(numberOf(matchDiagnosis('ＰＣＩ 植入支架'))).toBe(15);
    expect(numberOf(matchDiagnosis('Ｈ７Ｎ９'))).toBe(12);
    expect(numberOf(matchDiagnosis('\u3000尿毒症\u3000'))).toBe(2);
  });

  it('names each of the 15 diseases', () => {
    for (let n = 1; n <= 15; n += 1) expect(designatedDiseaseName(n)).toMatch(/[\u4e00-\u9fff]/);
    expect(designatedDiseaseName(0)).toBeUndefined();
    expect(designatedDiseaseName(16)).toBeUndefined();
    expect(designatedDiseaseName(15)).toContain('支架');
    expect(designatedDiseaseName(1)).toContain('恶性肿瘤');
  });
});

describe('matchDiagnosis: unsure diagnoses are reported, never guessed', () => {
  const unsure = (diagnosis: string) => {
    const match = matchDiagnosis(diagnosis);
    if (match.kind !== 'unsure') throw new Error(`expected unsure for ${diagnosis}, got ${JSON.stringify(match)}`);
    expect(match.reason).toMatch(/[\u4e00-\u9fff]/);
    return match;
  };

  it('脑膜瘤 without surgery → unsure (3 requires the removal)', () => {
    expect(unsure('脑膜瘤').candidates).toContain(3);
  });

  it('肾衰竭 without the stage → unsure (2 requires the uraemic stage)', () => {
    expect(unsure('肾衰竭').candidates).toContain(2);
    expect(unsure('慢性肾功能衰竭').candidates).toContain(2);
  });

  it('疑似肺癌 → unsure (not yet confirmed)', () => {
    const match = unsure('疑似肺癌');
    expect(match.candidates).toContain(1);
    expect(match.reason).toContain('疑似');
  });

  it.each(['肺癌待查', '肺占位待排', '不除外肺癌', '肺癌?', '肺癌？'])('%s → unsure', (diagnosis) => {
    unsure(diagnosis);
  });

  it.each(['良性肿瘤', '甲状腺原位癌', '交界性卵巢肿瘤', '乳腺癌复发', '截瘫', '深II度烧伤', '非典型增生'])(
    '%s → not covered, with the reason',
    (diagnosis) => {
      const match = matchDiagnosis(diagnosis);
      expect(match.kind).toBe('unknown');
      if (match.kind === 'unknown') expect(match.reason).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('乳腺癌复发 says why: the flyer pays a first diagnosis only', () => {
    const match = matchDiagnosis('乳腺癌复发');
    expect(match.kind === 'unknown' && match.reason).toContain('复发');
  });

  it.each(['肺部肿瘤', '非典型肺炎', 'PCI', '造血干细胞移植', 'III度烧伤'])('%s → unsure (a condition of the flyer is not written)', (diagnosis) => {
    unsure(diagnosis);
  });

  it('主动脉瓣置换 is a valve (5), not aortic surgery (11)', () => {
    expect(numberOf(matchDiagnosis('主动脉瓣置换'))).toBe(5);
    expect(numberOf(matchDiagnosis('主动脉瓣置换术'))).toBe(5);
  });

  it('肺癌 + 心脏支架 is ambiguous: the amounts differ', () => {
    const match = unsure('肺癌+心脏支架');
    expect(match.candidates).toEqual(expect.arrayContaining([1, 15]));
    expect(unsure('肺癌 心脏支架').candidates).toEqual(expect.arrayContaining([1, 15]));
  });

  it.each([
    ['高位截瘫', 10],
    ['烧伤', 14],
    ['主动脉夹层', 11],
    ['肝炎', 9],
    ['支架植入', 15],
  ])('%s → unsure about %d', (diagnosis, candidate) => {
    expect(unsure(diagnosis).candidates).toContain(candidate);
  });
});

describe('matchDiagnosis: not a designated disease', () => {
  it.each(['感冒', '心肌梗死', '高血压', '糖尿病', '肺炎', '骨折', '阑尾炎', 'normals', 'falsely', '癫痫'])('%s → unknown', (diagnosis) => {
    const match = matchDiagnosis(diagnosis);
    expect(match.kind).toBe('unknown');
    if (match.kind === 'unknown') expect(match.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('偏瘫 (hemiplegia) is never quadriplegia (10)', () => {
    expect(matchDiagnosis('偏瘫').kind).not.toBe('designated');
  });

  it.each(['', '   ', '\u3000'])('%p → empty', (diagnosis) => {
    expect(matchDiagnosis(diagnosis).kind).toBe('empty');
  });
});

describe('matchWomensCancer: plan 4 covers six primary cancers', () => {
  it.each([
    ['乳腺癌', '乳腺'],
    ['原发性乳腺癌', '乳腺'],
    ['卵巢癌', '卵巢'],
    ['宫体癌', '宫体'],
    ['子宫内膜癌', '宫体'],
    ['宫颈癌', '宫颈'],
    ['子宫颈癌', '宫颈'],
    ['外阴癌', '外阴'],
    ['输卵管癌', '输卵管'],
    // as pathology writes them
    ['左乳腺浸润性导管癌', '乳腺'],
    ['宫颈鳞状细胞癌', '宫颈'],
    ['子宫内膜样腺癌', '宫体'],
    ['卵巢高级别浆液性癌', '卵巢'],
    ['外阴鳞癌', '外阴'],
  ])('%s → covered (%s)', (diagnosis, part) => {
    const match = matchWomensCancer(diagnosis);
    expect(match.kind).toBe('covered');
    if (match.kind === 'covered') expect(match.name).toContain(part);
  });

  it.each(['肺癌', '肝癌', '胃癌', '甲状腺癌', '阴道癌', '白血病', '心脏支架', '尿毒症', '感冒', ''])('%p → not covered', (diagnosis) => {
    expect(matchWomensCancer(diagnosis).kind).toBe('notCovered');
  });

  it.each(['疑似乳腺癌', '宫颈癌待查', '子宫平滑肌肉瘤'])('%s → unsure', (diagnosis) => {
    expect(matchWomensCancer(diagnosis).kind).toBe('unsure');
  });

  it('乳腺癌复发 → not covered (not a first diagnosis)', () => {
    expect(matchWomensCancer('乳腺癌复发')).toEqual({ kind: 'notCovered', reason: expect.stringContaining('复发') });
  });
});

describe('robustness', () => {
  it('matchDiagnosis and matchWomensCancer never throw and always answer a known kind', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (text) => {
        const match = matchDiagnosis(text);
        expect(['designated', 'unsure', 'unknown', 'empty']).toContain(match.kind);
        if (match.kind === 'designated') {
          expect(match.number).toBeGreaterThanOrEqual(1);
          expect(match.number).toBeLessThanOrEqual(15);
        }
        expect(['covered', 'unsure', 'notCovered']).toContain(matchWomensCancer(text).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('survives strings built from the words the matcher looks for', () => {
    const words = [
      '癌',
      '肺',
      '支架',
      '心',
      '主动脉',
      '瓣',
      '置换',
      '疑似',
      '复发',
      'pci',
      'als',
      '(',
      ')',
      '[',
      '*',
      '+',
      '?',
      '\\',
      '.',
      '肾衰',
      '尿毒症',
      '|',
      '$',
      '^',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        expect(() => matchDiagnosis(text)).not.toThrow();
        expect(() => matchWomensCancer(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('burns and scalds of the third degree', () => {
  it.each(['III度烫伤 25%', '三度烫伤面积30%', 'Ⅲ度灼伤 20%TBSA'])('%s is disease 14', (text) => {
    const match = matchDiagnosis(text);
    expect(match.kind).toBe('designated');
    if (match.kind === 'designated') expect(match.number).toBe(14);
  });
  it('the severe-burn boundary: 20 % of III度 is severe, 19.9 % is not', () => {
    expect(matchDiagnosis('III度烧伤20%').kind).toBe('designated');
    expect(matchDiagnosis('III度烧伤19.9%').kind).toBe('unknown');
  });
  it('a scald without its degree, or a III度 burn without its area, is unsure', () => {
    expect(matchDiagnosis('烫伤').kind).toBe('unsure');
    expect(matchDiagnosis('III度烫伤').kind).toBe('unsure');
  });
});
