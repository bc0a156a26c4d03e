/** A redirect target from user input, kept to this site's own paths ("/x", never "//host" or "https:"). */
export function safeLocalPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001F\\]/.test(value)) return fallback;
  return value;
}
