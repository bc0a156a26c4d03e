import { defaultLocale, locales } from '@/lib/i18n/locales';

/** The most bytes of a request body anywhere not listed below: the API, sign forms, reports, sign-in. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Organiser and admin pages' forms: a petition's text in any script, an update, the abuse lists. */
export const MAX_ORGANISER_BODY_BYTES = 1024 * 1024;
/** The dashboard page of a petition, whose form uploads its cover image (up to 5 MB, see cover.ts). */
export const MAX_UPLOAD_BODY_BYTES = 6 * 1024 * 1024;

const prefix = `(?:/(?:${locales.filter((l) => l !== defaultLocale).join('|')}))?`;
const COVER_UPLOAD_PAGE = new RegExp(`^${prefix}/dashboard/petitions/[^/]+/?$`);
const ORGANISER_PAGES = new RegExp(`^${prefix}/(?:dashboard|admin)(?:/|$)`);
// The organiser API takes an update's text too (20,000 characters, up to 4 bytes each).
const ORGANISER_API = /^\/api\/v1\//;

/** The most bytes a request body sent to `pathname` may have (server actions post to the page they are on). */
export function bodyLimitFor(pathname: string): number {
  if (COVER_UPLOAD_PAGE.test(pathname)) return MAX_UPLOAD_BODY_BYTES;
  if (ORGANISER_PAGES.test(pathname) || ORGANISER_API.test(pathname)) return MAX_ORGANISER_BODY_BYTES;
  return MAX_BODY_BYTES;
}

/** Whether a body is a form as a browser posts it (urlencoded or multipart): a person reads the answer, so it is a page. */
export function isFormBody(contentType: string | null | undefined): boolean {
  return /^\s*(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType ?? '');
}

/** A request body over its limit: answered with 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

// Bodies server.ts's hot-write router has read already (held to the same limit), by request: the
// shared answer reads them from here instead of through a stream made for it.
const preread = new WeakMap<Request, Uint8Array>();

/** For server.ts's hot-write router: `req` (made without a body) answers `readBody` with `body`, already read from the socket. */
export function withPrereadBody(req: Request, body: Uint8Array): Request {
  preread.set(req, body);
  return req;
}

/**
 * A route handler's request body, read as it arrives with its bytes counted: throws BodyTooLarge as
 * soon as it passes `limit` (at once when Content-Length says so), having read no more than that,
 * whether or not the client said how long it would be (chunked).
 */
export async function readBody(req: Request, limit = bodyLimitFor(new URL(req.url).pathname)): Promise<Uint8Array> {
  if (Number(req.headers.get('content-length') ?? 0) > limit) throw new BodyTooLarge(limit);
  const held = preread.get(req);
  if (held) {
    if (held.byteLength > limit) throw new BodyTooLarge(limit);
    return held;
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** `readBody`, or null when the client went away mid-body (BodyTooLarge is still thrown). */
export async function readWholeBody(req: Request): Promise<Uint8Array | null> {
  try {
    return await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw err;
    return null;
  }
}

/** A route handler's form body (urlencoded or multipart) through `readBody`; null when it is not a form. Throws only BodyTooLarge. */
export async function readForm(req: Request): Promise<FormData | null> {
  const body = await readWholeBody(req);
  if (!body) return null;
  return new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': req.headers.get('content-type') ?? '' } }).formData().catch(() => null);
}
