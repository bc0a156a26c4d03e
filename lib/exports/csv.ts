/** Excel reads UTF-8 (Arabic names included) only when the file starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * One CSV cell: quoted where needed, and with a leading apostrophe where a spreadsheet would
 * otherwise run it as a formula (cells starting with = + - @, tab or carriage return).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
