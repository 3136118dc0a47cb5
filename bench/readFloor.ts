/**
 * The floor for any checker of a file: exceljs's streaming reader merely reading every row of it,
 * with the same options the command uses. `node readFloor.js FILE`.
 */
import ExcelJS from 'exceljs';

async function main(): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      if (row.values) rows += 1;
    }
  }
  process.stdout.write(`${rows}\n`);
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(2);
});
