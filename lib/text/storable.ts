/**
 * Text that PostgreSQL can store and pages, emails and CSV exports can show: well-formed UTF-16 (no
 * lone surrogates, which PostgreSQL's UTF-8 cannot hold) and no control characters, C0 (NUL among
 * them, which PostgreSQL refuses) or C1; tab and line feed allowed.
 */
export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(value);
}
