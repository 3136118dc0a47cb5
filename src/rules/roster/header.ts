/**
 * Recognising the header row of a roster. It may sit under title rows; the engine tries the first
 * rows in turn. A sheet none of whose first rows names enough known columns is not a roster.
 */
import { COLUMNS, Field, fieldOfHeader, REQUIRED_FIELDS } from './columns';

export interface HeaderLayoutOf<F> {
  /** Field → index of its column in the row array (the first column naming it wins). */
  columns: Map<F, number>;
  /** Field → the header text as the sheet writes it. */
  texts: Map<F, string>;
}

export type HeaderLayout = HeaderLayoutOf<Field>;

/** A header must name at least this many of the required columns (name, ID, plan, shares). */
export const MIN_REQUIRED_HEADERS = 3;

/** The known columns a header row names, read with a table's lookup (the roster's by default). */
export function readHeaderRow<F = Field>(
  row: readonly unknown[],
  fieldOf: (value: unknown) => F | null = fieldOfHeader as (value: unknown) => F | null,
): HeaderLayoutOf<F> {
  const columns = new Map<F, number>();
  const texts = new Map<F, string>();
  row.forEach((cell, index) => {
    const field = fieldOf(cell);
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
