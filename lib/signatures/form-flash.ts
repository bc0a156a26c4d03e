import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as z from 'zod/mini';
import type { SignFormState } from './form-state';

// A browser without JavaScript posts the sign form to a route handler, which cannot render the page.
// When the signature is not taken, what the person typed and what went wrong travel back to the
// page in a short-lived cookie scoped to that page: kept on their own device, read by the next view
// of the page, then deleted (proxy.ts). Browsers drop cookies over 4 KB, so the value is compressed
// and, if still too long, the comment (the only long field) is shortened rather than losing it all.
// A signature taken the same way sends the person on to the "check your inbox" page, and the address
// the email went to follows in a second cookie scoped to that page: never in the URL, and a request
// carrying a cookie is never answered from (or stored in) the shared page cache.

/** The cookie carrying a refused no-JavaScript submission back to its petition page. */
export const SIGN_FORM_FLASH_COOKIE = 'sign_form';
/** The request header proxy.ts hands the cookie's value to the page in (it deletes the cookie itself). */
export const SIGN_FORM_FLASH_HEADER = 'x-undersign-sign-form';
/** The cookie carrying the address a signature's email went to, to the "check your inbox" page. */
export const SIGNED_FLASH_COOKIE = 'signed_to';
/** Seconds the cookie lives if the page is never shown (a closed tab). */
export const SIGN_FORM_FLASH_SECONDS = 300;

const MAX_COOKIE_VALUE = 3_800;
// The form's fields, and one per question of the petition (`answers.<question id>`, lib/questions/limits.ts).
const FIELD = /^(?:name|email|country|postcode|comment|showName|updates|partner|answers(?:\.q[a-z0-9]{6,16})?)$/;

type FlashState = Exclude<SignFormState, { status: 'idle' } | { status: 'sent' }>;

const values = z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(2_000)));
const flash = z.union([
  z.object({
    status: z.literal('invalid'),
    errors: z.record(z.string().check(z.regex(FIELD)), z.array(z.string().check(z.regex(/^[A-Za-z]{1,40}$/)))),
    values,
  }),
  z.object({ status: z.literal('unavailable'), values }),
  z.object({ status: z.literal('closed') }),
  z.object({ status: z.literal('suggest'), suggestion: z.string().check(z.maxLength(300)), values }),
]);
const signed = z.object({ status: z.literal('sent'), email: z.string().check(z.maxLength(300)) });

function pack(state: FlashState): string {
  return deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url');
}

/** The cookie value for a refused submission; always under the browsers' size limit. */
export function encodeSignFormFlash(state: FlashState): string {
  let packed = pack(state);
  if (state.status === 'closed') return packed;
  let comment = state.values.comment ?? '';
  while (packed.length > MAX_COOKIE_VALUE && comment.length > 0) {
    comment = comment.slice(0, Math.floor(comment.length * 0.8));
    packed = pack({ ...state, values: { ...state.values, comment } });
  }
  return packed.length > MAX_COOKIE_VALUE ? pack({ ...state, values: {} }) : packed;
}

function unpack<T>(value: string | undefined, schema: z.ZodMiniType<T>, compressed: boolean): T | null {
  if (!value || value.length > MAX_COOKIE_VALUE) return null;
  try {
    const bytes = Buffer.from(value, 'base64url');
    const parsed = schema.safeParse(JSON.parse((compressed ? inflateRawSync(bytes, { maxOutputLength: 64_000 }) : bytes).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The form state a page should start from, or null when the cookie is absent or not one of ours. */
export function decodeSignFormFlash(value: string | undefined): FlashState | null {
  return unpack<FlashState>(value, flash, true);
}

/**
 * The cookie value carrying the address a signature's email went to: well under 4 KB as it is, so
 * not compressed (every signature without JavaScript sets one; compressing would cost ~60 µs each).
 */
export function encodeSignedFlash(email: string): string {
  return Buffer.from(JSON.stringify({ status: 'sent', email } satisfies z.infer<typeof signed>)).toString('base64url');
}

/** The address for the "check your inbox" page, or null when the cookie is absent or not one of ours. */
export function decodeSignedFlash(value: string | undefined): string | null {
  return unpack(value, signed, false)?.email ?? null;
}
