/** Excel reads UTF-8 (Arabic names included) only when the file starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

/** What a CSV cell holds: a date is written in ISO 8601, nothing as an empty cell. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * One CSV cell: quoted where needed, and with a leading apostrophe where a spreadsheet would
 * otherwise run it as a formula (cells starting with = + - @, tab or carriage return).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line of cells (see csvCell), ended by CRLF as RFC 4180 asks. */
export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
