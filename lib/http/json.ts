import { isDatabaseUnavailable, reportDatabaseError } from '@/db/health';
import { negotiateLocale } from '@/lib/i18n/locales';
import { BodyTooLarge, isFormBody, readWholeBody } from './body-limit';
import { NOTICE_PAGE_HEADERS, noticeLocale, noticePage } from './notice-page';
import { translatorFor, type Translate } from '@/lib/i18n/translate';

// The text of each JSON answer, by response: server.ts's hot-write router writes it to the socket
// without reading it back out of the response's stream.
const jsonTexts = new WeakMap<Response, string>();

/** Headers of a JSON answer written outside Next (server.ts's guards): never kept, never sniffed as anything else. */
export const API_JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** A JSON response whose body type is checked at the call site. */
export function json<T>(body: T, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  const text = JSON.stringify(body);
  const response = new Response(text, { ...init, headers });
  jsonTexts.set(response, text);
  return response;
}

/** The body of a response made by `json`, as text (undefined for any other response). */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
}

export type ErrorBody = { errors: Record<string, string[]> } | { error: string; message: string };

/**
 * Reads a JSON object body (through `readBody`: a body over the path's limit throws BodyTooLarge,
 * which `withErrorHandling` answers with 413); undefined when it is missing or not an object.
 */
export async function readJsonObject(req: Request): Promise<Record<string, unknown> | undefined> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  const body = await readWholeBody(req);
  const text = body ? new TextDecoder().decode(body) : '';
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The body of a 413 answer, in `locale`. */
export function tooLargeError(locale: string, limit: number): { error: 'too_large'; message: string } {
  return { error: 'too_large', message: translatorFor(locale)('errors.tooLarge', { max: Math.floor(limit / 1024) }) };
}

/**
 * The 413 answer to a body over `limit` bytes sent to `pathname`: for a page (a server action) or a
 * form a browser posted to the API without JavaScript, a short page in the visitor's language (the
 * path's prefix, the language cookie, else the browser's languages; going back keeps what was
 * typed); for the API's other callers, JSON in Accept-Language's language.
 */
export function tooLargeAnswer(pathname: string, headers: Headers, limit: number): { status: 413; headers: Record<string, string>; body: string } {
  if (!pathname.startsWith('/api/') || isFormBody(headers.get('content-type'))) {
    const locale = noticeLocale(pathname, headers);
    return { status: 413, headers: NOTICE_PAGE_HEADERS, body: noticePage(locale, tooLargeError(locale, limit).message, '') };
  }
  const body = JSON.stringify(tooLargeError(negotiateLocale(null, headers.get('accept-language')), limit));
  return { status: 413, headers: API_JSON_HEADERS, body };
}

/** The 413 answer to a body over its limit (see tooLargeAnswer): a page for a browser's form, JSON for the API. */
export function bodyTooLarge(req: Request, err: BodyTooLarge): Response {
  const answer = tooLargeAnswer(new URL(req.url).pathname, req.headers, err.limit);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** The translator for an API caller: `locale` in the body if given, else Accept-Language. */
export function apiTranslator(req: Request, explicit?: unknown): Translate {
  return translatorFor(negotiateLocale(typeof explicit === 'string' ? explicit : null, req.headers.get('accept-language')));
}

/**
 * A JSON error answer (`{ error, message }`) whose message is the catalogue's `messageKey` in the
 * caller's language (Accept-Language), as every API error is; it varies on that header.
 */
export function apiError(req: Request, status: number, error: string, messageKey: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.append('vary', 'accept-language');
  return json<ErrorBody>({ error, message: apiTranslator(req)(messageKey) }, { ...init, status, headers });
}

/**
 * The 422 answer to input that failed its schema, for the organiser API: `fields` keeps each field's
 * codes (what the dashboard's forms use, stable for programs) and `messages` the same errors in the
 * caller's language (Accept-Language) from the catalogue's `<namespace>.errors.<code>`, for people.
 */
export function invalidFields(req: Request, namespace: string, fields: Record<string, string[] | undefined>): Response {
  const t = apiTranslator(req);
  const codes = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string[]] => Boolean(e[1]?.length)));
  const messages = Object.fromEntries(Object.entries(codes).map(([field, list]) => [field, list.map((code) => t(`${namespace}.errors.${code}`))]));
  return json({ error: 'invalid' as const, fields: codes, messages }, { status: 422, headers: { vary: 'accept-language' } });
}

/** Wraps a route handler so failures answer with JSON: 413 for a body over its limit, 503 + Retry-After when the database is down, else a plain 500. */
export function withErrorHandling<A extends unknown[]>(handler: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(req, ...rest);
    } catch (err) {
      if (err instanceof BodyTooLarge) return bodyTooLarge(req, err);
      const t = apiTranslator(req);
      if (isDatabaseUnavailable(err)) {
        reportDatabaseError(err);
        return json<ErrorBody>({ error: 'unavailable', message: t('errors.unavailable') }, { status: 503, headers: { 'retry-after': '5' } });
      }
      console.error(err);
      return json<ErrorBody>({ error: 'internal', message: t('errors.unavailable') }, { status: 500 });
    }
  };
}

/**
 * Headers for public, read-only open data: any site may read it (CORS), and a CDN may serve it
 * for `maxAge` seconds, refresh in the background, and keep serving it while the origin is down.
 */
export function openDataHeaders(maxAge: number): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 6}, stale-if-error=86400`,
  };
}

/**
 * Headers for the live count (and the petition read that carries it): open data like the above,
 * but any cache may keep it 2 s and serve it stale 3 s more while refreshing, so a count read
 * through a CDN is at most 5 s old (server.ts's page cache sends Age, which counts its own share).
 */
export function liveDataHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=2, stale-while-revalidate=3, stale-if-error=86400' };
}
