// How names are compared when organisers search and when bulk rules match: the same person typed
// on an Arabic or a Persian keyboard, with or without vowel marks, in upper or lower case, must
// compare equal. The database has the same fold as `fold_name(text)` (db/migrations/0014_fold_name.sql,
// whose lists are FOLD_MAPPED_FROM, FOLD_MAPPED_TO and FOLD_REMOVED below), indexed for prefix search;
// tests/integration/fold-name.test.ts checks that the two agree character by character.
//
// Decisions, each applied on both sides:
// - NFKC first: Arabic presentation forms (ﻙ, ﯼ, ﻻ), full-width Latin and ligatures become plain letters.
// - ي ى ی → ي and ك ک ڪ → ك: the Arabic and Persian keyboards' letters for the same sound.
// - أ إ آ ٱ ٲ ٳ → ا: hamza and madda on alef are often left out when typing.
// - ة ۀ → ه: "فاطمة" and "فاطمه" are the Arabic and Persian spellings of one name.
//   (ؤ and ئ are kept: they are not interchangeable spellings of other letters.)
// - Arabic-Indic (٠-٩) and Persian (۰-۹) digits → 0-9.
// - Removed: tatweel, harakat and Quranic marks, and invisible format characters (zero-width
//   space/joiners, bidirectional marks and controls, soft hyphen, BOM), so "علی‌رضا" = "علیرضا".
// - Lowercase, with İ → i and ς → σ so that JavaScript's and PostgreSQL's lowercasing agree (they
//   differ only there: JavaScript lowers İ to "i̇" and a final Σ to ς, PostgreSQL to i and σ).

const MAPPED: [string, string][] = [
  ['ى', 'ي'],
  ['ی', 'ي'],
  ['ک', 'ك'],
  ['ڪ', 'ك'],
  ['أ', 'ا'],
  ['إ', 'ا'],
  ['آ', 'ا'],
  ['ٱ', 'ا'],
  ['ٲ', 'ا'],
  ['ٳ', 'ا'],
  ['ة', 'ه'],
  ['ۀ', 'ه'],
  ['İ', 'i'],
  ...Array.from({ length: 10 }, (_, d): [string, string] => [String.fromCharCode(0x0660 + d), String(d)]),
  ...Array.from({ length: 10 }, (_, d): [string, string] => [String.fromCharCode(0x06f0 + d), String(d)]),
];

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

const REMOVED: string[] = [
  '\u0640', // tatweel
  ...range(0x064b, 0x065f), // harakat, madda and hamza above/below
  '\u0670', // superscript alef
  ...range(0x0610, 0x061a), // honorifics and small marks above letters
  ...range(0x06d6, 0x06dc), // Quranic annotation signs
  ...range(0x06df, 0x06e4),
  '\u06e7',
  '\u06e8',
  ...range(0x06ea, 0x06ed),
  '\u00ad', // soft hyphen
  '\u061c', // Arabic letter mark
  ...range(0x200b, 0x200f), // zero-width space, non-joiner, joiner, LRM, RLM
  ...range(0x202a, 0x202e), // bidirectional embeddings and overrides
  ...range(0x2060, 0x2064), // word joiner and invisible operators
  ...range(0x2066, 0x2069), // bidirectional isolates
  '\ufeff', // BOM / zero-width no-break space
];

/** The characters mapped, and what each becomes, in order: the two lists of `translate()` in fold_name(). */
export const FOLD_MAPPED_FROM = MAPPED.map(([from]) => from).join('');
export const FOLD_MAPPED_TO = MAPPED.map(([, to]) => to).join('');
/** The characters removed: the class of `regexp_replace()` in fold_name(). */
export const FOLD_REMOVED = REMOVED.join('');

const table = new Map<string, string>([...MAPPED, ...REMOVED.map((c): [string, string] => [c, ''])]);

/** A name folded for comparison (see the decisions above); the same result as SQL `fold_name(name)`. */
export function foldName(name: string): string {
  let out = '';
  for (const c of name.normalize('NFKC')) out += table.get(c) ?? c;
  return out.toLowerCase().replaceAll('ς', 'σ');
}
