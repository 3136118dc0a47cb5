/**
 * 与上年比对's file pick: last year's roster read in the pane from the picked file's bytes, with the
 * same platform-neutral reader the command uses (src/workbook). Nothing is uploaded: the File's
 * bytes never leave the page. No Excel here; the adapter gets the roster already read.
 */
import { PreviousRoster, previousRosterOf } from '../rules/renewal';
import { RosterChecker } from '../rules/roster';
import { checkRosterSources } from '../workbook';

/** The bytes of a picked file and its name (a File in the browser). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Reads last year's roster from a picked .xlsx or .csv file; throws the reader's error (in Chinese) when it cannot. */
export async function readPreviousFile(file: PickedFile): Promise<PreviousRoster> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checker = new RosterChecker();
  await checkRosterSources([{ name: file.name, bytes }], { checker });
  return previousRosterOf(checker);
}
