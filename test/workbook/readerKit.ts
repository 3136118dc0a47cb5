/**
 * Helpers for the reader's tests: hand-written .xlsx packages (the way other producers write them),
 * and reading a source into plain rows. Not a test file itself.
 */
import { strToU8, zipSync, Zippable } from 'fflate';
import { readWorkbook, ReadOptions, SheetInfo, WorkbookSource } from '../../src/workbook';

export interface PackageSheet {
  name: string;
  /** The <sheetData> content, or a whole worksheet part when it starts with "<?xml" or "<worksheet". */
  xml: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
}

export interface PackageSpec {
  sheets: PackageSheet[];
  sharedStrings?: string[];
  date1904?: boolean;
  /** Extra parts, or replacements of the generated ones. */
  parts?: Record<string, string | Uint8Array>;
  /** Parts left out. */
  omit?: string[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function worksheet(sheetData: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** The parts of a minimal, valid .xlsx package. */
export function packageParts(spec: PackageSpec): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${spec.sheets
      .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  };
  spec.sheets.forEach((sheet, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = /^\s*<(\?xml|worksheet|\w+:worksheet)/.test(sheet.xml) ? sheet.xml : worksheet(sheet.xml);
  });
  if (spec.sharedStrings) {
    parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${spec.sharedStrings.length}">${spec.sharedStrings
      .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
      .join('')}</sst>`;
  }
  Object.assign(parts, spec.parts ?? {});
  for (const name of spec.omit ?? []) delete parts[name];
  return parts;
}

export function zipParts(parts: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) files[name] = [typeof content === 'string' ? strToU8(content) : content, { level }];
  return zipSync(files);
}

export function xlsx(spec: PackageSpec): Uint8Array {
  return zipParts(packageParts(spec));
}

export interface ReadSheet {
  info: SheetInfo;
  rows: Map<number, unknown[]>;
  /** Row numbers in the order they were handed on. */
  order: number[];
}

/** Every visible sheet's rows; hidden sheets' names go to `skipped`. */
export async function readAll(source: WorkbookSource, options?: ReadOptions, skipped: string[] = []): Promise<ReadSheet[]> {
  const sheets: ReadSheet[] = [];
  await readWorkbook(
    source,
    {
      beginSheet(info) {
        const sheet: ReadSheet = { info, rows: new Map(), order: [] };
        sheets.push(sheet);
        return {
          addRow: (values, rowNumber) => {
            sheet.rows.set(rowNumber, values);
            sheet.order.push(rowNumber);
          },
          end: () => undefined,
        };
      },
      skipSheet: (info) => skipped.push(`${info.name}:${info.state}`),
    },
    options,
  );
  return sheets;
}

/** Reading that must fail: the WorkbookError's code and message. */
export async function readError(source: WorkbookSource, options?: ReadOptions): Promise<{ code: string; message: string }> {
  try {
    await readAll(source, options);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === undefined) throw error;
    return { code, message };
  }
  throw new Error('expected the reading to fail');
}
