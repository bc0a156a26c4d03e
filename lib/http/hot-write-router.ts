import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerConfirmApi } from '@/lib/signatures/answer-confirm-api';
import { answerSignApi } from '@/lib/signatures/answer-sign-api';
import { answerSignForm } from '@/lib/signatures/answer-sign-form';
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from '@/lib/security/headers';
import { bodyLimitFor, withPrereadBody } from './body-limit';
import { jsonTextOf } from './json';

// The three writes a surge is made of (signing through the API, the sign form without JavaScript,
// confirming) answered by server.ts before Next's request handler, which costs ~1.7 ms of CPU per
// request here before any of our code runs. Each is answered by the very function its route handler
// calls (lib/signatures/answer-*.ts): same origin check, body limit, validation, domain call,
// localized errors and status codes, cookies and redirects. What Next adds to every API answer
// (next.config.ts's headers) is added here from the same list.

// A backslash is left to Next, which redirects it as a slash (`new URL` would read it as one).
const SIGN_API = /^\/api\/petitions\/([^/?#\\]+)\/signatures$/;
const SIGN_FORM = /^\/api\/petitions\/([^/?#\\]+)\/sign$/;
const CONFIRM_API = '/api/confirmations';

type Answer = (req: Request) => Promise<Response>;

// What Next's app router adds to every answer's Vary (before the answer's own): meaningless for a
// POST, kept so that the two paths answer byte for byte alike.
const NEXT_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';

// Next's headers for /api/* (next.config.ts), the same for every answer: written once per response
// as a flat list, not recomputed.
const API_HEADERS: [string, string][] = [
  ...staticSecurityHeaders().map(({ key, value }): [string, string] => [key.toLowerCase(), value]),
  ['content-security-policy', API_CONTENT_SECURITY_POLICY],
];

/** Which hot write a request is, or null for everything else (Next answers it): POST to one of the three paths exactly. */
export function hotWriteFor(method: string | undefined, url: string | undefined): Answer | null {
  if (method !== 'POST' || !url) return null;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path === CONFIRM_API) return answerConfirmApi;
  if (!path.startsWith('/api/petitions/')) return null;
  const api = SIGN_API.exec(path);
  const form = api ? null : SIGN_FORM.exec(path);
  const segment = (api ?? form)?.[1];
  if (segment === undefined) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(segment);
  } catch {
    return null; // Next answers a malformed address as it does
  }
  return api ? (req) => answerSignApi(req, slug) : (req) => answerSignForm(req, slug);
}

/** Reads a request's body, at most `limit` bytes (server.ts's body guard has refused larger ones already); null when the client left. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (body: Buffer | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      // Kept up to the chunk that passes the limit: the shared answer then refuses the body with its 413.
      if (size <= limit) chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    const onGone = () => done(null);
    const onClose = () => {
      if (!req.complete) done(null);
    };
    req.on('data', onData).once('end', onEnd).once('error', onGone).once('close', onClose);
  });
}

/** The request as the Fetch API's Request, as a route handler receives it (headers as sent, with server.ts's client address). */
function webRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // The body is handed over as read (no stream is made for it): `readBody` takes it from there.
  return withPrereadBody(new Request(`http://localhost${req.url}`, { method: 'POST', headers }), body);
}

/** Writes a Fetch API Response to Node's response, with the headers Next adds to every API answer. */
async function send(answer: Response, res: ServerResponse): Promise<void> {
  const text = jsonTextOf(answer);
  const body = text !== undefined ? Buffer.from(text) : answer.body ? Buffer.from(await answer.arrayBuffer()) : null;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of API_HEADERS) headers[name] = value;
  for (const [name, value] of answer.headers) if (name !== 'set-cookie') headers[name] = value;
  const vary = answer.headers.get('vary');
  headers.vary = vary ? `${NEXT_VARY}, ${vary}` : NEXT_VARY;
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = String(body?.length ?? 0);
  res.writeHead(answer.status, headers);
  res.end(body);
}

/**
 * For server.ts, before Next: answers the three hot writes (POST /api/petitions/<slug>/signatures,
 * POST /api/petitions/<slug>/sign, POST /api/confirmations) with their route handlers' own functions,
 * and returns true; returns false for every other request, untouched. Never answers 500 for an
 * outage (the shared functions answer 503 JSON, or send the form back with what was typed).
 */
export function answerHotWrite(req: IncomingMessage, res: ServerResponse): boolean {
  const answer = hotWriteFor(req.method, req.url);
  if (!answer) return false;
  void readBody(req, bodyLimitFor(new URL(req.url!, 'http://localhost').pathname))
    .then(async (body) => {
      if (body === null) return;
      await send(await answer(webRequest(req, body)), res);
    })
    .catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"internal"}');
      else res.destroy();
    });
  return true;
}
