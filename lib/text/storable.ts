/**
 * Text that can be stored and shown safely: no broken surrogates and no control characters
 * (tab and line breaks allowed), which would corrupt pages, emails and CSV exports.
 */
export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value);
}
