import { normaliseText } from './normalise';

/**
 * A search box's text, ready to be compared in SQL: normalised like stored text (so it matches what
 * was stored), with what the database cannot take (control characters, lone surrogates) dropped
 * rather than refused (a query is never stored), at most `max` code points; `''` for no search.
 */
export function normaliseQuery(value: unknown, max = 100): string {
  if (typeof value !== 'string') return '';
  const text = normaliseText(value.slice(0, max * 4).replace(/[\p{Cc}\p{Cs}]/gu, ' '));
  return Array.from(text).slice(0, max).join('').trim();
}
