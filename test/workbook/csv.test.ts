/**
 * CSV in the workbook layer: RFC 4180 in any chunking, delimiters, encodings detected from bytes,
 * and an unterminated quote is an error naming its line instead of swallowing the rest of the file.
 */
import fc from 'fast-check';
import { CsvParser, detectCsvEncoding, detectDelimiter, readWorkbook, WorkbookError } from '../../src/workbook';
import { gbkEncode } from '../cli/cliKit';
import { readAll, readError } from './readerKit';

function parseAll(text: string, chunkSize: number, delimiter = ','): [number, string[]][] {
  const rows: [number, string[]][] = [];
  const parser = new CsvParser(delimiter, (values, n) => rows.push([n, values]));
  for (let i = 0; i < text.length; i += chunkSize) parser.write(text.slice(i, i + chunkSize));
  parser.end();
  return rows;
}

const sample = 'a,"b,1","c ""q"""\r\n"多\r\n行",,x\rlast,"",\n\n"末"';
const expected: [number, string[]][] = [
  [1, ['a', 'b,1', 'c "q"']],
  [2, ['多\r\n行', '', 'x']],
  [3, ['last', '', '']],
  [4, ['']],
  [5, ['末']],
];

test.each([1, 2, 3, 5, 7, 1000])('RFC 4180 records, in chunks of %i characters', (size) => {
  expect(parseAll(sample, size)).toEqual(expected);
});

test('any field text survives quoting, in any chunking (property)', () => {
  const field = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ') });
  fc.assert(
    fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 9 }), (rows, chunk) => {
      const text = rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(',')).join('\r\n');
      expect(parseAll(text, chunk).map(([, values]) => values)).toEqual(rows);
    }),
  );
});

test('delimiter: comma by default, tab or semicolon when the first lines say so', () => {
  expect(detectDelimiter('姓名,身份证号\n张伟,1')).toBe(',');
  expect(detectDelimiter('姓名\t身份证号\t份数\n张伟\t1\t2')).toBe('\t');
  expect(detectDelimiter('姓名;身份证号;份数')).toBe(';');
  expect(detectDelimiter('只有一列')).toBe(',');
});

test('encodings from bytes: UTF-8 with and without BOM, GBK, UTF-16LE and BE with BOM', async () => {
  const text = '姓名,身份证号\n张伟,450421198001011234\n';
  const utf16be = Buffer.from(text, 'utf16le');
  utf16be.swap16();
  const cases: [string, Buffer, string][] = [
    ['utf8.csv', Buffer.from(text, 'utf8'), 'utf-8'],
    ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['gbk.csv', gbkEncode(text), 'gb18030'],
    ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
    ['utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be'],
  ];
  for (const [name, bytes, encoding] of cases) {
    expect(detectCsvEncoding(bytes, name)).toBe(encoding);
    const [sheet] = await readAll({ name, bytes });
    expect(sheet.info.name).toBe(name.replace('.csv', ''));
    expect([...sheet.rows]).toEqual([
      [1, ['姓名', '身份证号']],
      [2, ['张伟', '450421198001011234']],
    ]);
  }
});

test('an unterminated quote is an error naming the line where the quote opened', async () => {
  const text = '姓名,身份证号\n张伟,1\n"李娜,2\n王强,3\n陈杰,4\n';
  const error = await readError({ name: '花名册.csv', bytes: new TextEncoder().encode(text) });
  expect(error.code).toBe('CSV_UNTERMINATED_QUOTE');
  expect(error.message).toContain('花名册.csv 第 3 行');
  // A quoted field with line breaks before it: the line counts text lines, the record counts rows.
  const multi = '"a\nb",x\n"c\n';
  const second = await readError({ name: 'm.csv', bytes: new TextEncoder().encode(multi) });
  expect(second.message).toContain('第 3 行（第 2 条记录）');
});

test('bytes that are neither UTF-8 nor GB18030', async () => {
  const error = await readError({ name: 'x.csv', bytes: new Uint8Array([0x81, 0x30, 0xff, 0xff, 0x0a]) });
  expect(error.code).toBe('CSV_ENCODING');
  await expect(
    readWorkbook({ name: 'x.csv', bytes: new Uint8Array([0x81, 0x30, 0xff, 0xff]) }, { beginSheet: () => ({ addRow() {}, end() {} }) }),
  ).rejects.toBeInstanceOf(WorkbookError);
});
