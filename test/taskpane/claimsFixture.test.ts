/** The browser test's claims register settles as its comment says (so the browser test checks real cases). */
import { computeClaims } from '../../src/rules/claims';
import { parseDate } from '../../src/rules/dates';
import { rosterRecordsOf } from '../../src/rules/roster';
import { claimsRegister, faultyRoster } from '../support/rosterFixtures';

test('overdue, review, due soon, paid on 2026-12-01', () => {
  const report = computeClaims({
    register: [{ name: '理赔登记', rows: claimsRegister() }],
    roster: rosterRecordsOf([{ name: '花名册', rows: faultyRoster() }]),
    today: parseDate('2026-12-01') as number,
  });
  expect(report.claims.map((claim) => [claim.row, claim.status, claim.dueDate])).toEqual([
    [3, 'overdue', '2026-10-19'],
    [4, 'review', null],
    [5, 'dueSoon', '2026-12-02'],
    [6, 'paid', '2026-04-22'],
  ]);
  expect(report.claims.map((claim) => claim.payable)).toEqual([6000, null, 12000, 2000]);
});
