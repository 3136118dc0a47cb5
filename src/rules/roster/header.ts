/**
 * Recognising the header row of a roster. It may sit under title rows; the engine tries the first
 * rows in turn. A sheet none of whose first rows names enough known columns is not a roster.
 */
import { COLUMNS, Field, fieldOfHeader, REQUIRED_FIELDS } from './columns';

export interface HeaderLayout {
  /** Field → index of its column in the row array (the first column naming it wins). */
  columns: Map<Field, number>;
  /** Field → the header text as the sheet writes it. */
  texts: Map<Field, string>;
}

/** A header must name at least this many of the required columns (name, ID, plan, shares). */
export const MIN_REQUIRED_HEADERS = 3;

export function readHeaderRow(row: readonly unknown[]): HeaderLayout {
  const columns = new Map<Field, number>();
  const texts = new Map<Field, string>();
  row.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && !columns.has(field)) {
      columns.set(field, index);
      texts.set(field, String(cell).trim());
    }
  });
  return { columns, texts };
}

/** The row's layout when it is a roster header, or null when it names too few roster columns. */
export function detectHeader(row: readonly unknown[]): HeaderLayout | null {
  const layout = readHeaderRow(row);
  const required = REQUIRED_FIELDS.filter((field) => layout.columns.has(field)).length;
  return required >= MIN_REQUIRED_HEADERS ? layout : null;
}

/** The known headers, for the message about a sheet without one. */
export function expectedHeadersText(): string {
  return COLUMNS.filter((column) => column.required)
    .map((column) => column.headers[0])
    .join('、');
}
