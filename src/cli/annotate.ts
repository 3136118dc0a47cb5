/**
 * The annotated copy written by --out: the input's bytes handed to the platform-neutral writer
 * (src/workbook/annotate), which patches the original package, and its bytes written to `path`.
 */
import { readFile, writeFile } from 'fs/promises';
import { RosterReport } from '../rules/roster';
import { annotateWorkbook } from '../workbook/annotate';
import { RosterSource } from './sources';

export { ERROR_FILL, internalLink, RESULTS_SHEET, safeText, WARNING_FILL } from '../workbook/annotate';

/** Writes the annotated copy of one input to `path` (the caller picks a temporary path and renames it). */
export async function writeAnnotatedCopy(source: RosterSource, report: RosterReport, files: readonly string[], path: string): Promise<void> {
  const bytes = new Uint8Array(await readFile(source.path));
  const copy = annotateWorkbook({ name: source.label, bytes }, report, { files, csv: source.csv });
  await writeFile(path, copy);
}
