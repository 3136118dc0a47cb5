/** A CSV file's records, for the --out copy: the workbook layer's CSV reading over the file's bytes. */
import { readFile } from 'fs/promises';
import { CsvEncoding } from '../workbook';
import { decodeCsv, readCsvText } from '../workbook/csv';

export async function readCsv(path: string, encoding: CsvEncoding, onRow: (values: (string | null)[], rowNumber: number) => void): Promise<void> {
  const bytes = await readFile(path);
  readCsvText(decodeCsv(bytes, encoding), path, onRow);
}
