/** Renewal (续保): last year's roster as an input, and next year's roster. */
import { RosterChecker } from '../roster/engine';
import type { SheetInput } from '../roster/types';
import { PreviousRoster } from './previous';

export { compareYears, PreviousMember, PreviousRoster, previousSharesMismatch, previousWhere } from './previous';

/** Last year's roster from a checker that has read all of its sheets (the faces stream them in). */
export function previousRosterOf(checker: RosterChecker): PreviousRoster {
  const report = checker.finish();
  return new PreviousRoster(checker.personRows(), report.summary.premiumTotal);
}

/** Last year's roster from whole sheets (one roster, however many files or sheets). */
export function readPreviousRoster(sheets: readonly SheetInput[]): PreviousRoster {
  const checker = new RosterChecker();
  for (const sheet of sheets) checker.addSheet(sheet);
  return previousRosterOf(checker);
}

export { nextEffectiveSerial, nextYearRoster, nextYearRosterFrom, NextYearRoster, NextYearValue, RetiringMember } from './nextYear';
