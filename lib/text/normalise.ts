// How every text people type is normalised before it is measured, checked or stored. Small and
// dependency-free: the sign form's counter loads it with the page, and the shared schemas use it on
// the server, so the number a person sees and the limit the server applies are the same number.

// CRLF (what browsers send for a textarea's line breaks), lone CR, NEL and the Unicode line and
// paragraph separators are all one line break, counted once.
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;

// Embeddings, overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI): they reorder the text
// around them ("‮gnp.exe" shows as "exe.png") and unbalanced ones leak into the page they are shown
// on. Removed everywhere; pages isolate user text themselves (dir="auto", <bdi>). The marks LRM, RLM
// and ALM are kept: people writing Persian and Arabic type them (the Persian keyboard has them) and
// they reorder nothing beyond their own position.
// The interlinear annotation characters (anchor, separator, terminator) go with them: they hide
// text in plain sight ("\uFFF9a\uFFFAb\uFFFB" shows as one thing and reads as another), and Unicode
// reserves them for use inside a program, never in interchanged text.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/g;

// Characters that show nothing at the start or end of a field: whitespace, zero-width space and
// joiners, the direction marks, word joiner and invisible operators, soft hyphen, combining grapheme
// joiner, Mongolian vowel separator, the Hangul fillers and the blank Braille pattern.
const EDGE = '[\\s\\u200B-\\u200F\\u2060-\\u2064\\u061C\\u180E\\u00AD\\u034F\\u115F\\u1160\\u3164\\uFFA0\\u2800]+';
const EDGES = new RegExp(`^${EDGE}|${EDGE}$`, 'g');

// Something a reader can see: not whitespace, not a control, not a default-ignorable character
// (zero-width characters, the Hangul fillers, variation selectors, …), not the blank Braille pattern.
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/u;

// Printable ASCII, not starting or ending with a space: NFC, no controls, no bidi, visible.
const ALREADY_NORMAL = /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

/** Line breaks as `\n`, one per break, whatever the browser or platform sent. */
export function normaliseLineBreaks(value: string): string {
  return value.replace(LINE_BREAK, '\n');
}

/**
 * Text as it is measured and stored: line breaks as `\n` (a single-line field turns every run of
 * whitespace, line breaks included, into one space), bidirectional embedding, override and isolate
 * controls removed, NFC, invisible characters trimmed from both ends, and `''` when nothing visible
 * is left. Idempotent. Unstorable characters (NUL, lone surrogates) are kept for the storable check to
 * refuse, so a person learns their text was not taken as typed.
 */
export function normaliseText(value: string, opts: { multiline?: boolean } = {}): string {
  // Most text is printable ASCII already in its normal form: nothing to do (the sign path's budget).
  if (ALREADY_NORMAL.test(value) && !value.includes('  ')) return value;
  let text = normaliseLineBreaks(value).replace(BIDI_CONTROLS, '').normalize('NFC');
  if (!opts.multiline) text = text.replace(/\s+/g, ' ');
  text = text.replace(EDGES, '');
  return VISIBLE.test(text) ? text : '';
}

/**
 * The length every limit counts: Unicode code points, as PostgreSQL's char_length counts them. An
 * emoji is one (not the two UTF-16 units of `string.length`); an Arabic letter and each of its
 * harakat are one each; a line break is one.
 */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The length a limit applies to, of text as typed: the sign form's and the editor's counters. */
export function typedLength(value: string, opts: { multiline?: boolean } = {}): number {
  return textLength(normaliseText(value, opts));
}
