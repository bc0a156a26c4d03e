import { IncomingMessage, type ServerResponse } from 'node:http';
import { checkDatabase, isDatabaseDown } from '@/db/health';
import { bodyLimitFor } from './body-limit';
import { API_JSON_HEADERS, tooLargeAnswer } from './json';
import { defaultLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { NOTICE_PAGE_HEADERS, noticeLocale, noticePage, outagePage } from './notice-page';

// What server.ts does around Next's request handler, in front of every route and server action.

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0]!;

function headersOf(req: IncomingMessage): Headers {
  return new Headers({
    cookie: String(req.headers.cookie ?? ''),
    'accept-language': String(req.headers['accept-language'] ?? ''),
    'content-type': String(req.headers['content-type'] ?? ''),
  });
}

/** Reads and discards what is left of a refused body, so the client reads the answer; gives up after 10 s. */
function discardRest(req: IncomingMessage): void {
  req.removeAllListeners('data');
  const timer = setTimeout(() => req.socket.destroy(), 10_000).unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/** 413 in the caller's language (tooLargeAnswer): a page for pages and forms a browser posted, JSON for the API. */
function refuse(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const answer = tooLargeAnswer(pathOf(req), headersOf(req), limit);
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
  discardRest(req);
}

/** The request again, its body already read: what Next handles after a chunked body was counted. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, String(v)]));
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

/**
 * Holds a request's body to its path's limit (`bodyLimitFor`) before Next reads any of it: a
 * Content-Length over the limit is answered with 413 at once; a body without one (chunked) is
 * counted as it arrives and refused the moment it passes the limit, or else handed on whole (at
 * most the limit, in memory). Next's own limit for server actions counts too, but answers 500.
 * Resolves to the request for Next, or null when it was answered here (or the client left).
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse): Promise<IncomingMessage | null> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(req);
  const limit = bodyLimitFor(pathOf(req));
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    // Node's parser never delivers more than Content-Length says.
    if (Number(declared) > limit) return (refuse(req, res, limit), Promise.resolve(null));
    return Promise.resolve(req);
  }
  if (!req.headers['transfer-encoding']) return Promise.resolve(req);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (next: IncomingMessage | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('aborted', onGone);
      resolve(next);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done(null);
      refuse(req, res, limit);
    };
    const onEnd = () => done(withBody(req, Buffer.concat(chunks)));
    const onGone = () => done(null);
    req.on('data', onData).once('end', onEnd).once('error', onGone).once('aborted', onGone);
  });
}

/**
 * For a page request: if Next answers 500 and the database turns out to be unreachable (checked
 * then, unless already known), the visitor gets the localized 503 page with Retry-After instead.
 * This covers the first request of an outage; the proxy answers the next ones from the flag the
 * check set. Call before anything else wraps `res` (compression, the page cache).
 */
export function answerOutageInsteadOf500(req: IncomingMessage, res: ServerResponse): void {
  // The originals, bound to this response (the replacements below are only ever called on it).
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  let held: { head: unknown[]; chunks: unknown[][] } | null = null;
  let settled = false;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    // Kept back until we know whether this is an outage (and so is every later call: with the head
    // not written, each write asks for it again).
    if (held) return this;
    if (args[0] !== 500) return writeHead(...args);
    held = { head: args, chunks: [] };
    return this;
  };
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!held) return write(...args);
    held.chunks.push(args);
    return true;
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!held) return end(...args);
    if (settled) return this;
    settled = true;
    const kept = held;
    if (args.length > 0 && typeof args[0] !== 'function') kept.chunks.push([args[0]]);
    void (isDatabaseDown() ? Promise.resolve(false) : checkDatabase()).then((up) => {
      if (up) {
        // A failure of its own: the 500 as Next rendered it.
        writeHead(...kept.head);
        for (const chunk of kept.chunks) write(...chunk);
        return void end();
      }
      const path = pathOf(req);
      const page = outagePage(noticeLocale(path, headersOf(req)), path);
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      writeHead(page.status, page.headers);
      end(req.method === 'HEAD' ? undefined : page.body);
    });
    return this;
  } as typeof res.end;
}

/**
 * Answers a request whose path is not valid percent-encoding (`/p/%ZZ`, a cut `%E0%A4%A`), which Next
 * answers with a bare 500, and returns true; false for every other request, untouched. The API gets
 * 404 JSON in the caller's language; a page gets the not-found notice, with a link to the petitions.
 */
export function answerMalformedAddress(req: IncomingMessage, res: ServerResponse): boolean {
  const path = pathOf(req);
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const locale = noticeLocale(path, headersOf(req));
    const t = translatorFor(locale);
    const [status, headers, body] = path.startsWith('/api/')
      ? ([404, API_JSON_HEADERS, JSON.stringify({ error: 'not_found', message: t('notFound.title') })] as const)
      : ([
          404,
          NOTICE_PAGE_HEADERS,
          noticePage(locale, t('notFound.title'), t('notFound.body'), { href: locale === defaultLocale ? '/' : `/${locale}`, text: t('notFound.back') }),
        ] as const);
    // A body still arriving is read and dropped, so the client reads the answer.
    if (!req.complete) discardRest(req);
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}
