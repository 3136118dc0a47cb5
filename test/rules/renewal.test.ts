/**
 * Renewal (续保): this year's roster checked against last year's. Cases read off the flyer's share
 * rules (plans 2–4: at most 5 when a unit's counts agree, 3 when they differ, "续保人员可以按上一年度参保份数
 * 续保"), at their boundaries; properties over random pairs of rosters.
 * Standard columns (rosterKit): … G 份数, H 生效日期, I 上年份数; header in row 1, people from row 2.
 */
import fc from 'fast-check';
import { PLANS } from '../../src/rules/catalogue';
import { premiumFor } from '../../src/rules/premium';
import { readPreviousRoster } from '../../src/rules/renewal';
import { RosterChecker, RosterReport } from '../../src/rules/roster';
import { briefs, member, Person, personId, rosterRows } from './rosterKit';

const DISEASE = PLANS[1]; // 指定疾病: 5 uniform, 3 non-uniform, renewal keeps last year's count

function checkAgainst(thisYear: Person[], lastYear: Person[] | null): RosterReport {
  const previous = lastYear ? readPreviousRoster([{ name: '2025', file: 'last.xlsx', rows: rosterRows(lastYear) }]) : undefined;
  const checker = new RosterChecker({ previous });
  checker.addSheet({ name: '花名册', rows: rosterRows(thisYear) });
  return checker.finish();
}

/** The 15-digit legacy form of an 18-digit ID: no century, no check character. */
const legacy15 = (id18: string): string => id18.slice(0, 6) + id18.slice(8, 17);

/** A unit 甲 of 指定疾病 whose other members hold 1 share (so its counts differ when someone holds more). */
const othersAtOne = [2, 3].map((n) => member({ unit: '甲', name: `同事${n}`, id: personId(n), plan: '指定疾病', shares: 1 }));

describe("SHARES_OVER_MAX against last year's real count", () => {
  const renewer = (shares: number, previousShares: number | null = null) => member({ unit: '甲', id: personId(1), plan: '指定疾病', shares, previousShares });
  const lastYear = (shares: number) => [member({ unit: '甲', id: personId(1), plan: '指定疾病', shares })];

  it("renewing at exactly last year's count (5) in a non-uniform unit is allowed, with 上年份数 blank", () => {
    expect(checkAgainst([renewer(5), ...othersAtOne], lastYear(5)).findings).toEqual([]);
    // Without last year's roster the blank 上年份数 gives no renewal: 5 is over the non-uniform cap of 3.
    expect(briefs(checkAgainst([renewer(5), ...othersAtOne], null), 'SHARES_OVER_MAX')).toEqual(['花名册!G2 SHARES_OVER_MAX']);
  });

  it("one share above last year's count is over the cap, and the message names last year's count", () => {
    const report = checkAgainst([renewer(5), ...othersAtOne], lastYear(4));
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_OVER_MAX']);
    expect(report.findings[0].message).toContain('上年份数 4 份');
    expect(checkAgainst([renewer(4), ...othersAtOne], lastYear(4)).findings).toEqual([]);
  });

  it("last year's count below the non-uniform cap still allows 3 (the cap of 3 is the floor)", () => {
    expect(checkAgainst([renewer(3), ...othersAtOne], lastYear(1)).findings).toEqual([]);
    expect(briefs(checkAgainst([renewer(4), ...othersAtOne], lastYear(1)))).toEqual(['花名册!G2 SHARES_OVER_MAX']);
  });

  it('a new member above the cap of 3 in a non-uniform unit is over it even with 上年份数 typed', () => {
    const report = checkAgainst([renewer(4, 4), ...othersAtOne], []);
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_OVER_MAX', '花名册!I2 PREVIOUS_SHARES_MISMATCH']);
    // The typed column alone (today's check) believes it.
    expect(checkAgainst([renewer(4, 4), ...othersAtOne], null).findings).toEqual([]);
  });

  it("last year's real count wins over a typed 上年份数 that is too high", () => {
    const report = checkAgainst([renewer(5, 5), ...othersAtOne], lastYear(3));
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_OVER_MAX', '花名册!I2 PREVIOUS_SHARES_MISMATCH']);
  });
});

describe('PREVIOUS_SHARES_MISMATCH', () => {
  it("is an error at the 上年份数 cell naming last year's count and row", () => {
    const report = checkAgainst(
      [member({ unit: '甲', id: personId(1), plan: '指定疾病', shares: 2, previousShares: 3 })],
      [member({ unit: '甲', id: personId(1), plan: '指定疾病', shares: 2 })],
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        cell: 'I2',
        column: '上年份数',
        rule: 'PREVIOUS_SHARES_MISMATCH',
        severity: 'error',
        message: '上年份数填 3 份，上年花名册中此人的指定疾病为 2 份（last.xlsx 2025!第2行）',
      }),
    ]);
  });

  it('a typed count that matches, a blank one and a 0 for a new member are fine', () => {
    const last = [member({ id: personId(1), plan: '综合', shares: 2 })];
    expect(checkAgainst([member({ id: personId(1), plan: '综合', shares: 2, previousShares: 2 })], last).findings).toEqual([]);
    expect(checkAgainst([member({ id: personId(1), plan: '综合', shares: 2 })], last).findings).toEqual([]);
    expect(checkAgainst([member({ id: personId(5), plan: '综合', shares: 2, previousShares: 0 })], last).findings).toEqual([]);
  });

  it("a 上年份数 typed for someone not in last year's roster for that plan, or 0 for someone who was, is a mismatch", () => {
    const last = [member({ id: personId(1), plan: '综合', shares: 2 })];
    const newcomer = checkAgainst([member({ id: personId(5), plan: '综合', shares: 2, previousShares: 2 })], last);
    expect(briefs(newcomer)).toEqual(['花名册!I2 PREVIOUS_SHARES_MISMATCH']);
    expect(newcomer.findings[0].message).toContain('没有参加综合');
    expect(briefs(checkAgainst([member({ id: personId(1), plan: '综合', shares: 2, previousShares: 0 })], last))).toEqual([
      '花名册!I2 PREVIOUS_SHARES_MISMATCH',
    ]);
  });

  it("is not checked without last year's roster, nor for rows without a valid ID", () => {
    expect(checkAgainst([member({ shares: 2, previousShares: 4 })], null).findings).toEqual([]);
    expect(briefs(checkAgainst([member({ id: '123', shares: 2, previousShares: 4 })], []))).toEqual(['花名册!E2 ID_INVALID']);
  });
});

describe('matching people across the years', () => {
  it('a 15-digit ID last year and the 18-digit one this year (and the other way round) are one person', () => {
    const id = personId(1);
    for (const [last, now] of [
      [legacy15(id), id],
      [id, legacy15(id)],
      [id.toLowerCase(), id],
    ]) {
      const report = checkAgainst(
        [member({ id: now, plan: '指定疾病', shares: 5 }), ...othersAtOne.map((o) => ({ ...o, unit: null }))],
        [member({ id: last, plan: '指定疾病', shares: 5 })],
      );
      expect(report.findings).toEqual([]);
      expect(report.summary.renewal).toMatchObject({ renewing: 1, newMembers: 2, lapsed: [] });
    }
  });

  it('a plan switch is a new membership of the new plan; the old plan is listed as lapsed', () => {
    const report = checkAgainst(
      [member({ id: personId(1), name: '张三', plan: '指定疾病', shares: 2, previousShares: 2 })],
      [member({ unit: '甲', id: personId(1), name: '张三', plan: '综合', shares: 2 })],
    );
    expect(briefs(report)).toEqual(['花名册!I2 PREVIOUS_SHARES_MISMATCH']);
    expect(report.summary.renewal).toEqual({
      renewing: 0,
      newMembers: 1,
      addedShares: 0,
      reducedShares: 0,
      planSwitches: 1,
      lapsed: [{ id: personId(1), name: '张三', unit: '甲', plan: '综合', shares: 2 }],
      premiumLastYear: premiumFor(PLANS[0], 2),
      premiumThisYear: premiumFor(DISEASE, 2),
    });
  });

  it('someone back after a gap year is new: the year before last does not count', () => {
    // 2024: 5 shares; 2025: absent; 2026 typed 上年份数 5 from the 2024 list.
    const back = member({ unit: '甲', id: personId(1), plan: '指定疾病', shares: 5, previousShares: 5 });
    const lastYear = [member({ unit: '甲', id: personId(9), plan: '指定疾病', shares: 1 })];
    const report = checkAgainst([back, ...othersAtOne], lastYear);
    expect(briefs(report)).toEqual(['花名册!G2 SHARES_OVER_MAX', '花名册!I2 PREVIOUS_SHARES_MISMATCH']);
    expect(report.summary.renewal).toMatchObject({ renewing: 0, newMembers: 3, planSwitches: 0, lapsed: [expect.objectContaining({ id: personId(9) })] });
  });

  it('a person in two units, or in another unit than last year, is matched by person and plan only', () => {
    const she = personId(1, 'F');
    const report = checkAgainst(
      [
        member({ unit: '乙', id: she, sex: '女', plan: '指定疾病', shares: 4 }),
        ...othersAtOne.map((o) => ({ ...o, unit: '乙' })),
        member({ unit: '丙', id: she, sex: '女', plan: '女职工安康', shares: 2 }),
      ],
      [member({ unit: '甲', id: she, sex: '女', plan: '指定疾病', shares: 4 }), member({ unit: '丙', id: she, sex: '女', plan: '女职工安康', shares: 3 })],
    );
    expect(report.findings).toEqual([]); // 4 kept in 乙 although the unit's counts differ
    expect(report.summary.renewal).toMatchObject({ renewing: 2, newMembers: 2, reducedShares: 1, addedShares: 0, lapsed: [] });
  });
});

describe('the renewal summary', () => {
  it("counts renewing, new, added and reduced shares, the lapsed list and both years' premium", () => {
    const last = [
      member({ unit: '甲', name: '甲一', id: personId(1), plan: '综合', shares: 2 }),
      member({ unit: '甲', name: '甲二', id: personId(2), plan: '综合', shares: 2 }),
      member({ unit: '甲', name: '甲三', id: personId(3), plan: '综合', shares: 2 }),
      member({ unit: '乙', name: '乙一', id: personId(4), plan: '团体意外', shares: 1 }),
    ];
    const now = [
      member({ unit: '甲', name: '甲一', id: personId(1), plan: '综合', shares: 3 }),
      member({ unit: '甲', name: '甲二', id: personId(2), plan: '综合', shares: 3 }),
      member({ unit: '甲', name: '甲四', id: personId(5), plan: '综合', shares: 3 }),
      member({ unit: '甲', name: '甲四', id: personId(5), plan: '综合', shares: 3 }), // own duplicate: counted once
    ];
    const report = checkAgainst(now, last);
    expect(briefs(report)).toEqual(['花名册!E5 DUPLICATE_ENROLLMENT']);
    expect(report.summary.renewal).toEqual({
      renewing: 2,
      newMembers: 1,
      addedShares: 2,
      reducedShares: 0,
      planSwitches: 0,
      lapsed: [
        { id: personId(3), name: '甲三', unit: '甲', plan: '综合', shares: 2 },
        { id: personId(4), name: '乙一', unit: '乙', plan: '团体意外', shares: 1 },
      ],
      premiumLastYear: 3 * premiumFor(PLANS[0], 2) + premiumFor(PLANS[4], 1),
      premiumThisYear: report.summary.premiumTotal,
    });
  });

  it("is absent without last year's roster, and the check is the same as before", () => {
    const people = [member({ unit: '甲', id: personId(1), plan: '指定疾病', shares: 5, previousShares: 5 }), ...othersAtOne];
    const report = checkAgainst(people, null);
    expect(report.summary).not.toHaveProperty('renewal');
    expect(report.findings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const SHARE_PLANS = ['综合', '指定疾病', '农民工', '女职工安康', '团体意外'];
const entryArb = fc.record({
  person: fc.integer({ min: 0, max: 11 }),
  plan: fc.constantFrom(...SHARE_PLANS),
  unit: fc.constantFrom('甲', '乙'),
  shares: fc.integer({ min: 1, max: 5 }),
  legacy: fc.boolean(),
});
type Entry = { person: number; plan: string; unit: string; shares: number; legacy: boolean };
const toPerson = (entry: Entry, previousShares: number | null = null): Person =>
  member({
    unit: entry.unit,
    name: `人${entry.person}`,
    sex: '女',
    id: entry.legacy ? legacy15(personId(entry.person, 'F')) : personId(entry.person, 'F'),
    plan: entry.plan,
    shares: entry.shares,
    previousShares,
  });
const keys = (entries: Entry[]) => new Set(entries.map((e) => `${e.person}/${e.plan}`));

describe('properties', () => {
  it("renewing + new = this year's person × plan, renewing + lapsed = last year's; switches ≤ new", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 15 }), fc.array(entryArb, { maxLength: 15 }), (now, last) => {
        const renewal = checkAgainst(
          now.map((e) => toPerson(e)),
          last.map((e) => toPerson(e)),
        ).summary.renewal!;
        const thisYear = keys(now);
        const lastYear = keys(last);
        const both = [...thisYear].filter((key) => lastYear.has(key)).length;
        expect(renewal.renewing).toBe(both);
        expect(renewal.renewing + renewal.newMembers).toBe(thisYear.size);
        expect(renewal.renewing + renewal.lapsed.length).toBe(lastYear.size);
        expect(renewal.planSwitches).toBeLessThanOrEqual(Math.min(renewal.newMembers, renewal.lapsed.length));
        expect(renewal.addedShares + renewal.reducedShares).toBeLessThanOrEqual(renewal.renewing);
      }),
    );
  });

  it("when every typed 上年份数 is what last year's roster holds, the findings are those of the check without it", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(entryArb, fc.option(fc.integer({ min: 1, max: 5 }))), { maxLength: 12 }), (rows) => {
        // Last year: one entry per person × plan that types a previous count, with that count.
        const lastYear = new Map<string, Person>();
        for (const [entry, previous] of rows) {
          const key = `${entry.person}/${entry.plan}`;
          if (previous !== null && !lastYear.has(key)) lastYear.set(key, toPerson({ ...entry, shares: previous }));
        }
        const typed = new Map<string, number>();
        for (const [entry, previous] of rows)
          if (previous !== null && !typed.has(`${entry.person}/${entry.plan}`)) typed.set(`${entry.person}/${entry.plan}`, previous);
        // This year: each row types last year's count of its person × plan (or leaves it blank when none).
        const now = rows.map(([entry]) => toPerson(entry, typed.get(`${entry.person}/${entry.plan}`) ?? null));
        const withPrevious = checkAgainst(now, [...lastYear.values()]);
        const without = checkAgainst(now, null);
        expect(withPrevious.findings).toEqual(without.findings);
      }),
    );
  });

  it('a roster compared with itself renews everyone and lapses no one', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 15 }), (entries) => {
        const people = entries.map((e) => toPerson(e));
        const report = checkAgainst(people, people);
        expect(report.summary.renewal).toMatchObject({ newMembers: 0, lapsed: [], addedShares: 0, reducedShares: 0, planSwitches: 0 });
        expect(report.summary.renewal!.premiumLastYear).toBe(report.summary.renewal!.premiumThisYear);
        // Last year's count is each row's own: no mismatch, and no cap the check without it does not also apply.
        const without = new Set(briefs(checkAgainst(people, null), 'SHARES_OVER_MAX'));
        expect(briefs(report, 'PREVIOUS_SHARES_MISMATCH')).toEqual([]);
        for (const over of briefs(report, 'SHARES_OVER_MAX')) expect(without.has(over)).toBe(true);
      }),
    );
  });
});
