// The building blocks every schema uses for text people type, in zod/mini (the sign form's schema
// runs in the browser) and usable inside full-zod objects alike (both share zod's core). Each one
// normalises first (line breaks as \n, no bidirectional controls, NFC, trimmed, nothing invisible
// left: lib/text/normalise.ts), then refuses what PostgreSQL cannot store, then measures in code
// points: so the length checked is the length stored, and the length the form's counter shows.
// Messages are catalogue keys, as everywhere else.
import * as z from 'zod/mini';
import { asciiDomain } from './domain';
import { normaliseText, textLength } from './normalise';
import { isStorableText } from './storable';

export type TextRule = {
  /** Most code points allowed, after normalising. */
  max: number;
  /** Key for "too long". */
  tooLong: string;
  /** Key for text that cannot be stored (NUL, lone surrogates, control characters). Default `invalid`. */
  invalid?: string;
  /** Keeps line breaks (as \n); otherwise every run of whitespace becomes one space. */
  multiline?: boolean;
};

const normalised = (rule: TextRule) => z.overwrite((v: string) => normaliseText(v, rule));

const storableWithin = (rule: TextRule) =>
  [
    z.refine<string>((v) => isStorableText(v), { error: rule.invalid ?? 'invalid', abort: true }),
    z.refine<string>((v) => textLength(v) <= rule.max, { error: rule.tooLong, abort: true }),
  ] as const;

/** Text that may be empty (`''`); anything but a string is refused with `invalid`. */
export function text(rule: TextRule) {
  return z.string({ error: rule.invalid ?? 'invalid' }).check(normalised(rule), ...storableWithin(rule));
}

// Text normalised already (by optionalText's first step): only checked.
const normalisedText = (rule: TextRule) => z.string({ error: rule.invalid ?? 'invalid' }).check(...storableWithin(rule));

/** Text that must have something visible in it; a missing or non-string value gets the `required` key. */
export function requiredText(rule: TextRule & { required: string }) {
  return z.string({ error: rule.required }).check(normalised(rule), z.minLength(1, { error: rule.required, abort: true }), ...storableWithin(rule));
}

/** Text that may be left out: absent (`undefined` or `null`), empty or invisible-only is `undefined`. */
export function optionalText(rule: TextRule) {
  return z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' ? normaliseText(v, rule) || undefined : (v ?? undefined))),
    z.optional(normalisedText(rule)),
  );
}

// The local part zod's own email check accepts (ASCII: addresses with a non-ASCII local part need
// SMTPUTF8 from every relay on the way, which the platform does not promise).
const LOCAL_PART = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]$/;
const EMAIL_MAX = 254;

const splitAddress = (address: string) => {
  const at = address.lastIndexOf('@');
  return at <= 0 ? null : { local: address.slice(0, at), domain: address.slice(at + 1) };
};

/**
 * An address with its domain in ASCII (punycode) form, as it is stored and mailed: `amira@مثال.مصر`
 * and `amira@xn--mgbh0fb.xn--wgbh1c` are the same address. Unchanged when it has no valid domain.
 */
export function asciiEmail(address: string): string {
  const parts = address.length <= EMAIL_MAX * 4 ? splitAddress(address) : null;
  const domain = parts && asciiDomain(parts.domain);
  return parts && domain ? `${parts.local}@${domain}` : address;
}

/** An address the platform can mail: ASCII local part, valid ASCII (or punycode) domain. */
export function isEmailAddress(address: string): boolean {
  const parts = splitAddress(address);
  return !!parts && LOCAL_PART.test(parts.local) && asciiDomain(parts.domain) === parts.domain;
}

/**
 * An email address typed by a person: trimmed and normalised, its domain converted to ASCII (so a
 * domain typed in Unicode or in punycode gives one address), at most 254 characters, then checked.
 */
export function emailAddress(keys: { required: string; invalid: string; tooLong: string }) {
  return z.string({ error: keys.required }).check(
    z.overwrite((v: string) => asciiEmail(normaliseText(v))),
    z.minLength(1, { error: keys.required, abort: true }),
    z.maxLength(EMAIL_MAX, { error: keys.tooLong, abort: true }),
    z.refine(isEmailAddress, keys.invalid),
  );
}
