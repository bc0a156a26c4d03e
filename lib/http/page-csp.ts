import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '@/lib/security/headers';
import { negotiatesLanguage } from '@/lib/http/public-pages';

// Public petition pages (and the widget, and the "check your inbox" page) carry no per-request CSP
// nonce, so that one rendering can be served to everyone by this server's page cache and by a CDN.
// Their inline scripts (the React payload Next writes into the page, React's own boundary scripts)
// are allowed one by one by their SHA-256 hashes, computed here from the rendered page before its
// headers leave: a script that is not in the rendering (injected into the page later, or by
// markup that slipped through) matches no hash and does not run. No 'unsafe-inline' for scripts.

/** Set by proxy.ts on a public page's response: its policy's script hashes are to be filled in here. */
export const SCRIPT_HASHES_PENDING = 'x-undersign-script-hashes';
const PENDING_OPTIONS = 'x-undersign-csp-options';

/** Marks a response for hashing, with the policy's other settings (the proxy knows them). */
export function pendingHashHeaders(opts: { embed: boolean; dev: boolean; https: boolean }): Record<string, string> {
  return { [SCRIPT_HASHES_PENDING]: '1', [PENDING_OPTIONS]: JSON.stringify(opts) };
}

// An inline script: a <script> element without a src attribute, up to its end tag (inside a script,
// Next and React escape "</script" in what they write, so the first end tag is the script's).
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const HAS_SRC = /\ssrc\s*=/i;

/** The CSP hash sources ('sha256-…') of every inline script in an HTML document, each once, in order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (HAS_SRC.test(attributes!)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The Cache-Control of a public page anyone may be served: a CDN keeps it 2 s, then serves it stale while it refreshes (3 s more: the count shown is at most 5 s old, the Age header counting the time in this server's cache) or while the origin fails. */
export const SHARED_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=2, stale-while-revalidate=3, stale-if-error=86400';
/** The Cache-Control of a page rendered for one request (cookies: a signed-in organiser, a form's outcome). */
export const PERSONAL_PAGE_CACHE_CONTROL = 'private, no-store';

/** What the unprefixed address of a public page varies by, besides what Next names. */
const LANGUAGE_VARY = ['Accept-Language', 'Cookie'];
const COOKIE_VARY = ['Cookie'];

/** A Vary header's value with `names` added (once each, case-insensitively). */
export function withVary(current: number | string | string[] | undefined, names: string[]): string {
  const list = ([] as string[])
    .concat(current === undefined ? [] : Array.isArray(current) ? current : String(current))
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const name of names) if (!list.some((v) => v.toLowerCase() === name.toLowerCase())) list.push(name);
  return list.join(', ');
}

/**
 * Holds a page response marked by the proxy until it is complete, then sends it with its CSP
 * carrying the hashes of its inline scripts, and the Cache-Control it may have: shared when
 * `shareable` (a request with no cookie but the language one) and the answer is a 200 setting
 * no cookie but the language one (then left out), else private, no-store; the unprefixed address's
 * shared answer varies by language. Responses not marked pass through
 * untouched. Install it last, just before Next handles the request (inside compression and the
 * page cache's recorder, which then see and keep the final headers).
 */
export function hashPageScripts(res: ServerResponse, shareable: boolean): void {
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  const flushHeaders = res.flushHeaders.bind(res);
  let decided: boolean | null = null;
  let head: unknown[] | null = null;
  const chunks: Buffer[] = [];
  const restore = () => {
    res.writeHead = writeHead;
    res.write = write as typeof res.write;
    res.end = end as typeof res.end;
    res.flushHeaders = flushHeaders;
  };
  // Whether this response is one to hold: decided at its first head, write or end.
  const holding = (headArgs?: unknown[]) => {
    if (decided === null) {
      const extra = headArgs?.find((a, i) => i > 0 && a && typeof a === 'object') as OutgoingHttpHeaders | undefined;
      decided = res.hasHeader(SCRIPT_HASHES_PENDING) || Boolean(extra && SCRIPT_HASHES_PENDING in extra);
      if (!decided) restore();
    }
    return decided;
  };
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding)
        : Buffer.from(chunk as Uint8Array);
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!holding(args)) return writeHead(...args);
    head = args;
    return this;
  };
  res.flushHeaders = () => {
    if (decided === false) flushHeaders();
  };
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    if (!holding()) return write(chunk, ...rest);
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (!holding()) return end(chunk, ...rest);
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, rest[0]));
    restore();
    // Headers given to writeHead itself join the ones set before it.
    let status = res.statusCode;
    if (head) {
      status = typeof head[0] === 'number' ? head[0] : status;
      const extra = head.find((a, i) => i > 0 && a && typeof a === 'object') as OutgoingHttpHeaders | undefined;
      if (extra) for (const [name, value] of Object.entries(extra)) if (value !== undefined) res.setHeader(name, value);
    }
    res.statusCode = status;
    const body = Buffer.concat(chunks);
    const opts = JSON.parse(String(res.getHeader(PENDING_OPTIONS) ?? '{}')) as { embed?: boolean; dev?: boolean; https?: boolean };
    res.removeHeader(SCRIPT_HASHES_PENDING);
    res.removeHeader(PENDING_OPTIONS);
    const html = /^text\/html/.test(String(res.getHeader('content-type') ?? ''));
    res.setHeader(
      'content-security-policy',
      contentSecurityPolicy({ scriptHashes: html ? inlineScriptHashes(body.toString('utf8')) : [], embed: !!opts.embed, dev: !!opts.dev, https: !!opts.https }),
    );
    // A shared answer sets no cookie: most CDNs do not store an answer that sets one (the page would not
    // be cached at all), and one that did would hand the cookie to everyone. The only cookie a public
    // page's answer may set for a request without cookies is next-intl's language one (a browser asking
    // for another language than the page's): it is left out, so the visitor's language is remembered
    // from the language switcher (which sets it in the browser) rather than from a shared link.
    const cookies = ([] as unknown[]).concat(res.getHeader('set-cookie') ?? []);
    if (shareable && status === 200 && cookies.length > 0 && cookies.every((c) => String(c).startsWith('NEXT_LOCALE='))) res.removeHeader('set-cookie');
    const shared = shareable && status === 200 && !res.hasHeader('set-cookie');
    res.setHeader('cache-control', shared ? SHARED_PAGE_CACHE_CONTROL : PERSONAL_PAGE_CACHE_CONTROL);
    // A request with a cookie (a session, a refused form to show again, the address just signed with)
    // gets its own private answer at the same address: a shared cache must not hand it this one, so
    // every shared answer varies by Cookie. The address without a language prefix also answers in the
    // language the browser's languages pick (a redirect for Arabic or Persian): keyed by those too.
    if (shared) res.setHeader('vary', withVary(res.getHeader('vary'), negotiatesLanguage(res.req?.url ?? '') ? LANGUAGE_VARY : COOKIE_VARY));
    res.removeHeader('content-length');
    return end(body, ...rest.filter((r) => typeof r === 'function'));
  } as typeof res.end;
}
