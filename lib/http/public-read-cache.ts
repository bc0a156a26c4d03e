import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { parse as parseCookies } from 'cookie';
import { defaultLocale, locales } from '@/lib/i18n/locales';
import { matchLocale } from '@/lib/i18n/match-locale';
import { withVary } from './page-csp';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const prefixed = locales.filter((l) => l !== defaultLocale).join('|');
// The public petition page, its widget and the page a sign form without JavaScript lands on: the
// same for every visitor of one address and language.
const PUBLIC_PAGE = new RegExp(`^/(?:(?:${prefixed})/)?p/[a-z0-9-]+(?:/embed|/signed)?/?(?:\\?[^#]*)?$`);
// The public read API a page's count polls (and other sites read): the same for every caller.
const PUBLIC_API = /^\/api\/petitions\/[a-z0-9-]+(?:\/count)?\/?(?:\?[^#]*)?$/;
const UNPREFIXED = /^\/p\//;
const LANGUAGE_COOKIE = 'NEXT_LOCALE';
const LANGUAGE_COOKIE_NAMED = new RegExp(`(?:^|;)\\s*${LANGUAGE_COOKIE}\\s*=`, 'g');

// Set per response by the server or by compression; everything else is replayed as rendered.
const HOP_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

const WAIT_MS = 5_000;

type Entry = {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  encoded: Map<'br' | 'gzip', Promise<Buffer>>;
  expires: number;
  stored: number;
};

/**
 * The cache key of a request for a public petition page or read, or null when it must be answered
 * for this request alone: not a GET, something else, a request of Next's client router, or a page
 * requested with cookies other than the language one (a signed-in organiser).
 */
export function publicReadKey(req: IncomingMessage): string | null {
  const url = req.url ?? '';
  if (req.method !== 'GET') return null;
  if (PUBLIC_API.test(url)) return url;
  if (!PUBLIC_PAGE.test(url)) return null;
  // The router's own requests for a page (React payload, prefetches) get another answer at the same address.
  if (req.headers.rsc || req.headers['next-router-prefetch'] || req.headers['next-router-state-tree']) return null;
  const cookieHeader = String(req.headers.cookie ?? '');
  const { [LANGUAGE_COOKIE]: language, ...others } = parseCookies(cookieHeader);
  if (Object.keys(others).length > 0) return null;
  // Two language cookies (set on different paths): the parser keeps the first, Next the last; render for the request.
  if ((cookieHeader.match(LANGUAGE_COOKIE_NAMED) ?? []).length > 1) return null;
  // The unprefixed address is English, unless a language choice or the browser's languages make
  // next-intl's middleware redirect it elsewhere (those redirects are not kept): decided the way it decides.
  if (UNPREFIXED.test(url) && matchLocale(language, req.headers['accept-language']) !== defaultLocale) return null;
  return url;
}

/**
 * A micro-cache for public petition pages and reads, in front of Next: one rendering per address every
 * `ttlMs`, shared by everyone who asks meanwhile (a surge of viewers costs one render per page per
 * interval, not one each), so the count shown is at most `ttlMs` old. Concurrent misses wait for
 * the one rendering in progress. Bounded: at most `maxEntries` pages, the oldest dropped first.
 * Only complete 200 answers that set no cookie but the language one are kept. Public pages carry no
 * per-request nonce (their policy lists their inline scripts' hashes, lib/http/page-csp.ts), so
 * sharing a rendering shares nothing that was meant for one viewer.
 */
export function createPublicReadCache(opts: { ttlMs: number; maxEntries: number }) {
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry | null>>();

  function send(entry: Entry, req: IncomingMessage, res: ServerResponse): void {
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    // Age: how long it has been kept here, so a CDN behind which it is kept again counts that time too
    // (rounded up: the count a page shows stays within its stated bound).
    const age = Math.ceil((Date.now() - entry.stored) / 1000);
    const headers: OutgoingHttpHeaders = {
      ...entry.headers,
      // What the answer itself varies by (Next's router headers; the language on the unprefixed address), and the encoding chosen here.
      vary: withVary(entry.headers.vary, ['Accept-Encoding']),
      'x-undersign-cache': 'hit',
      ...(age > 0 ? { age: String(age) } : {}),
    };
    if (!encoding) {
      res.writeHead(entry.status, { ...headers, 'content-length': entry.body.length }).end(entry.body);
      return;
    }
    let encoded = entry.encoded.get(encoding);
    if (!encoded) {
      encoded = encoding === 'br' ? brotli(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }) : gzip(entry.body);
      entry.encoded.set(encoding, encoded);
    }
    encoded.then(
      (body) => res.writeHead(entry.status, { ...headers, 'content-encoding': encoding, 'content-length': body.length }).end(body),
      () => res.writeHead(entry.status, { ...headers, 'content-length': entry.body.length }).end(entry.body),
    );
  }

  function store(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= opts.maxEntries) break;
      entries.delete(oldest);
    }
  }

  /**
   * Answers from the cache when it can (resolves to null). Otherwise resolves to `startRecording`:
   * call it just before Next writes the uncompressed page to `res` (inside any compression layer),
   * and what it writes is kept for the next visitors.
   */
  return async function answerFromCache(key: string, req: IncomingMessage, res: ServerResponse): Promise<null | (() => void)> {
    const cached = entries.get(key);
    if (cached && cached.expires > Date.now()) {
      send(cached, req, res);
      return null;
    }
    const inProgress = rendering.get(key);
    if (inProgress) {
      // A rendering that hangs does not hold its waiters: after a while they render for themselves.
      const entry = await Promise.race([inProgress, new Promise<null>((r) => setTimeout(r, WAIT_MS, null).unref())]);
      if (entry) {
        send(entry, req, res);
        return null;
      }
    }
    let settle!: (entry: Entry | null) => void;
    const recorded = new Promise<Entry | null>((r) => (settle = r));
    rendering.set(key, recorded);
    void recorded.then((entry) => {
      if (rendering.get(key) === recorded) rendering.delete(key);
      if (entry) store(key, entry);
    });
    return () => {
      res.setHeader('x-undersign-cache', 'miss');
      record(res, Date.now() + opts.ttlMs, settle);
    };
  };
}

/** Records the status, headers and body written to `res`, passing everything through as it goes. */
function record(res: ServerResponse, expires: number, resolve: (entry: Entry | null) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding)
          : Buffer.from(chunk as Uint8Array),
    );
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), write(chunk, ...rest))) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const status = res.statusCode;
    const raw = res.getHeaders();
    // The language cookie next-intl sets follows from the address alone for a request without
    // cookies (the only kind cached), so every viewer of the rendering may get it too; any other is personal.
    const cookies = ([] as unknown[]).concat(raw['set-cookie'] ?? []);
    const cacheable =
      status === 200 &&
      cookies.every((c) => String(c).startsWith(`${LANGUAGE_COOKIE}=`)) &&
      /^(text\/html|application\/json)/.test(String(raw['content-type'] ?? ''));
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(raw)) if (!HOP_HEADERS.has(name) && name !== 'x-undersign-cache') headers[name] = value;
    resolve(cacheable ? { status, headers, body: Buffer.concat(chunks), encoded: new Map(), expires, stored: Date.now() } : null);
    return end(chunk, ...rest);
  }) as typeof res.end;
  // A connection dropped mid-render leaves nothing to keep.
  res.once('close', () => resolve(null));
}
