/** Text to match literally inside a LIKE pattern: LIKE's own `%`, `_` and `\` are escaped. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
