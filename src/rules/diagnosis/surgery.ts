/**
 * The designated operations (3, 4, 5, 7, 11, 15): each is paid only when the operation named by the
 * flyer was done, on the organ the flyer names. "拟行" or "未植入支架" is the operation not done.
 */
import { covered, Finding, notCovered, review } from './finding';
import { lastMatch, occurrences, Reading } from './text';

const notDoneReason = (reading: Reading) => `诊断写有"${reading.notDone}"，手术尚未施行`;

// 3 — 颅内原发性肿瘤摘除术
const BRAIN_TUMOUR =
  /(颅内|颅|脑|垂体|鞍区|鞍上|桥小脑角|额叶|顶叶|颞叶|枕叶|松果体|听神经)[^,;。]{0,10}?(肿瘤|占位|瘤|新生物|肿物)|脑膜瘤|垂体瘤|垂体腺瘤|听神经瘤|胶质瘤|颅咽管瘤|髓母细胞瘤|室管膜瘤|星形细胞瘤|胶质母细胞瘤/;
const REMOVED = /切除|摘除|全切|次全切|开颅|术后|手术|经鼻蝶/;
const RADIATION_ONLY = /伽马刀|射波刀|放射治疗|放疗|立体定向放射/;

export function intracranialTumour(reading: Reading): Finding | null {
  const text = reading.text.replace(/动脉瘤/g, '#');
  if (!BRAIN_TUMOUR.test(text)) {
    if (/(颅内|脑)[^,;。]{0,6}动脉瘤/.test(reading.text)) return notCovered(3, '颅内动脉瘤是血管病变，不是颅内肿瘤');
    if (/(椎管|脊髓)[^,;。]{0,8}瘤/.test(text)) return notCovered(3, '椎管内(脊髓)肿瘤不属颅内肿瘤');
    return null;
  }
  if (/转移/.test(text)) return notCovered(3, '颅内转移瘤不属颅内原发性肿瘤');
  if (/血管瘤|海绵状/.test(text)) return review(3, '颅内海绵状血管瘤(血管畸形)是否属颅内肿瘤须人工核对');
  if (reading.notDone) return notCovered(3, `${notDoneReason(reading)}；第3种须已施行摘除手术`);
  if (REMOVED.test(text)) return covered(3);
  if (RADIATION_ONLY.test(text)) return notCovered(3, '放射治疗(伽马刀等)不是摘除手术');
  if (/活检/.test(text)) return review(3, '仅写明活检，须核对是否已施行摘除手术');
  return review(3, '颅内肿瘤须已施行摘除手术才属第3种');
}

// 4 — 冠状动脉搭桥术
const BYPASS = /搭桥|旁路移植|旁路手术|\b(cabg|opcab|opcabg)(?![a-z])/;
const CORONARY = /冠状动脉|冠脉|冠心病|心脏|心肌|前降支|回旋支|右冠|左主干|\b(lad|lcx|rca|cabg|opcab|opcabg)(?![a-z])/;
const OTHER_VESSEL = /股|腘|下肢|髂|颈动脉|颅|脑|颞|椎动脉|肾动脉|肠系膜|锁骨下|腋|动静脉|透析|胃|胆|肠|空肠/;

export function coronaryBypass(reading: Reading): Finding | null {
  const text = reading.text;
  if (!BYPASS.test(text)) return null;
  if (reading.notDone) return notCovered(4, notDoneReason(reading));
  if (CORONARY.test(text)) return covered(4);
  if (OTHER_VESSEL.test(text)) return notCovered(4, '搭桥(旁路)手术不在冠状动脉上，不属第4种');
  return review(4, '未写明是冠状动脉搭桥，须人工核对');
}

// 5 — 心脏瓣膜置换手术
const VALVE = /瓣膜|二尖瓣|三尖瓣|主动脉瓣|肺动脉瓣|换瓣|\b(mvr|avr|dvr|tvr|tavi|tavr|bentall)(?![a-z])/;
const REPLACED = /置换|替换|换瓣|\b(mvr|avr|dvr|tvr|bentall)(?![a-z])/;
const TRANSCATHETER = /经导管|经皮|介入|\b(tavi|tavr)(?![a-z])/;
const REPAIRED = /成形|修复|修补|球囊|扩张|夹合|mitraclip/;

export function valveReplacement(reading: Reading): Finding | null {
  const text = reading.text;
  if (!VALVE.test(text)) return null;
  if (reading.notDone) return notCovered(5, notDoneReason(reading));
  if (TRANSCATHETER.test(text) && /置换|植入|tavi|tavr/.test(text)) return review(5, '经导管瓣膜置换(TAVI)是否属心脏瓣膜置换手术须人工核对');
  if (REPLACED.test(text)) return covered(5);
  if (REPAIRED.test(text)) return notCovered(5, '瓣膜成形、修复或球囊扩张不是瓣膜置换');
  return review(5, '须已施行心脏瓣膜置换手术才属第5种');
}

// 7 — 异体心脏、肾脏、肝脏、肺、造血干细胞的移植术
const TRANSPLANT = /移植|换肾|换肝/g;
const STEM_CELLS = /造血干细胞|干细胞|骨髓|脐血|\b(hsct|bmt|asct)(?![a-z])/;
const LISTED_ORGAN = /心|肾|肝|肺/;
const OTHER_GRAFT = /角膜|皮|骨(?!髓)|脂肪|毛发|神经|肌腱|牙|晶状体|胰岛|胰腺|小肠|子宫|粪菌|菌群|旁路|搭桥/;
const DONOR = /供体|供者|供肾|供肝|捐献|捐赠|切取/;
const RECIPIENT = /受者|受体|接受/;
const AUTOLOGOUS = /自体|\b(auto|asct)/;
const ALLOGENEIC = /异体|异基因|同种|同胞|单倍体|非血缘|亲缘|无关供者|\ballo/;

type Graft = 'stemCells' | 'organ' | 'other' | 'bypass' | 'afterwards';

function graftOf(before: string, word: string, after: string): Graft {
  if (word !== '移植') return 'organ';
  const near = before.slice(-12);
  if (/旁路|搭桥/.test(near)) return 'bypass';
  if (STEM_CELLS.test(near)) return 'stemCells';
  if (LISTED_ORGAN.test(near) && !/胰岛|胰腺(?!.*肾)/.test(near)) return 'organ';
  if (OTHER_GRAFT.test(near)) return 'other';
  return /^(肾|肝|物|心|肺)/.test(after) ? 'afterwards' : 'other';
}

export function transplant(reading: Reading): Finding | null {
  const grafts = occurrences(reading, TRANSPLANT)
    .map(({ word, before, after }) => graftOf(before, word, after))
    .filter((g) => g !== 'bypass');
  if (grafts.length === 0) return null;
  const text = reading.text;
  const listed = grafts.filter((g) => g === 'stemCells' || g === 'organ');
  if (listed.length === 0) {
    return grafts.includes('afterwards')
      ? review(7, '写的是移植后的情况(移植肾、移植物)，须核对移植手术本身')
      : notCovered(7, '移植的不是心、肾、肝、肺或造血干细胞');
  }
  if (reading.notDone) return notCovered(7, notDoneReason(reading));
  if (DONOR.test(text)) {
    return RECIPIENT.test(text) ? review(7, '诊断提到供体，须核对本人是否为受体') : notCovered(7, '本人为移植供体(捐献者)，第7种保障的是受体');
  }
  if (AUTOLOGOUS.test(text)) return notCovered(7, '自体移植不属异体移植');
  if (listed.includes('organ') || ALLOGENEIC.test(text)) return covered(7);
  return review(7, '造血干细胞移植须为异体(异基因)移植，诊断未写明');
}

// 11 — 主动脉手术 (on the aorta itself: not its valve, not a balloon pump placed in it)
const AORTA = /主动脉/;
const AORTA_NOT_ITSELF = /主动脉瓣|主动脉[-—]?冠(状动脉|脉)/g;
const BALLOON_PUMP = /球囊反搏|\biabp(?![a-z])|反搏/;
const AORTIC_OPERATION = /置换|人工血管|修补|修复|腔内|隔绝|\b(tevar|evar|bentall|wheat|david)(?![a-z])|支架|覆膜|切除|成形|矫治|象鼻|孙氏|手术|术后|吻合/;
const AORTIC_DISEASE = /夹层|动脉瘤|缩窄|溃疡|壁间血肿|破裂|假性/;

export function aorticSurgery(reading: Reading): Finding | null {
  const text = reading.text.replace(AORTA_NOT_ITSELF, '#');
  if (!AORTA.test(text)) return null;
  if (BALLOON_PUMP.test(text)) return notCovered(11, '主动脉内球囊反搏(IABP)不是主动脉手术');
  if (reading.notDone) return notCovered(11, notDoneReason(reading));
  if (AORTIC_OPERATION.test(text)) return covered(11);
  if (AORTIC_DISEASE.test(text)) return review(11, '主动脉疾病须已施行主动脉手术才属第11种');
  return notCovered(11, '未施行主动脉手术');
}

// 15 — 冠状动脉支架植入术
const STENT = /支架|\bstent/g;
const STENT_TERRITORY =
  /冠状动脉|冠脉|冠心病|心脏|心肌|心|前降支|回旋支|右冠|左主干|\b(lad|lcx|rca|pci|ptca)(?![a-z])|主动脉|颈动脉|椎动脉|锁骨下|肾动脉|髂|股|腘|下肢|上肢|颅内|脑|胆|胰管|输尿管|食管|气管|肠|静脉|透析|尿道|前列腺|鼻/g;
const CORONARY_TERRITORY = /^(冠状动脉|冠脉|冠心病|心脏|心肌|心|前降支|回旋支|右冠|左主干|lad|lcx|rca|pci|ptca)$/;
const BALLOON_ONLY = /ptca|球囊扩张|球囊成形|药物球囊|药物涂层球囊|\bdcb(?![a-z])|旋磨|血栓抽吸/;
const ANGIOGRAPHY = /冠状动脉造影|冠脉造影|\b(cag|cta)(?![a-z])|造影/;
const CORONARY_INTERVENTION = /\bpci(?![a-z])|经皮冠状动脉介入|冠脉介入|冠状动脉介入/;

export function coronaryStent(reading: Reading): Finding | null {
  const stents = occurrences(reading, STENT);
  const text = reading.text;
  if (stents.length === 0) {
    if (BALLOON_ONLY.test(text)) return notCovered(15, '单纯球囊扩张(未植入支架)不属冠状动脉支架植入术');
    if (CORONARY_INTERVENTION.test(text)) return review(15, '冠脉介入(PCI)未写明植入支架');
    if (ANGIOGRAPHY.test(text) && CORONARY.test(text)) return notCovered(15, '冠状动脉造影不是支架植入');
    return null;
  }
  // The nearest vessel word before the stent in its clause, else just after it, else anywhere ("冠脉造影+支架植入术").
  const territories = stents.map(
    ({ before, after }) => lastMatch(before, STENT_TERRITORY) ?? lastMatch(after.slice(0, 6), STENT_TERRITORY) ?? lastMatch(text, STENT_TERRITORY),
  );
  if (!territories.some((t) => t !== undefined && CORONARY_TERRITORY.test(t))) {
    return territories.every((t) => t === undefined) ? review(15, '未写明为冠状动脉(心脏)支架') : notCovered(15, '支架不在冠状动脉上，不属第15种');
  }
  if (reading.notDone) return notCovered(15, notDoneReason(reading));
  return covered(15);
}
