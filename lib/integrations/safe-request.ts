import 'server-only';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { getEnv } from '@/lib/env';

// Every request to an address an organiser typed (webhooks, Action Network) goes through here. An
// organiser is anyone, so the URL is hostile until proven otherwise: only https, only public unicast
// addresses (ipaddr.js classifies them: no loopback, private, link-local and cloud metadata,
// carrier-grade NAT, IPv6 unique-local, IPv4-mapped or -embedded IPv6), checked after DNS resolution
// and pinned: the connection goes to the address that was checked, so a second, different answer
// (DNS rebinding) is never used. Redirects are not followed (a 3xx is a failed attempt), a request
// has 5 seconds in all, and at most 64 KB of the answer is read.

export const REQUEST_TIMEOUT_MS = 5000;
export const MAX_ANSWER_BYTES = 64 * 1024;

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to its addresses (node:dns by default; tests give their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type RequestOptions = {
  method?: 'POST' | 'PUT';
  headers?: Record<string, string>;
  body: string;
  /** http:// and non-public addresses allowed: WEBHOOKS_ALLOW_LOCAL (development and tests only). */
  allowPrivate?: boolean;
  resolve?: Resolver;
  timeoutMs?: number;
};

export type Answer = { status: number; body: string; location: string | null };

/** Why a destination was refused before any connection was made. */
export class DestinationRefused extends Error {
  constructor(readonly reason: 'scheme' | 'address' | 'unresolved' | 'credentials') {
    super(`destination refused: ${reason}`);
  }
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Whether an address is public unicast (what ipaddr.js calls plain `unicast`, in either family). */
export function isPublicAddress(raw: string): boolean {
  if (!ipaddr.isValid(raw)) return false;
  const addr = ipaddr.parse(raw);
  return addr.range() === 'unicast';
}

/**
 * Refuses a URL an organiser may not send to (before resolving it): anything but https (http too
 * when private destinations are allowed), user names and passwords, and a literal address that is not
 * public. The URL is parsed by the platform's parser, the same as the request's.
 */
export function checkUrl(raw: string, allowPrivate = getEnv().integrationsAllowPrivate): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefused('scheme');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new DestinationRefused('scheme');
  if (url.username || url.password) throw new DestinationRefused('credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !allowPrivate && !isPublicAddress(host)) throw new DestinationRefused('address');
  return url;
}

/** The address to connect to: the literal, or the name resolved, every answer public (unless allowed). */
async function destinationOf(url: URL, allowPrivate: boolean, resolve: Resolver): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return { address: host, family: host.includes(':') ? 6 : 4 };
  let answers: ResolvedAddress[];
  try {
    answers = await resolve(host);
  } catch {
    throw new DestinationRefused('unresolved');
  }
  if (answers.length === 0) throw new DestinationRefused('unresolved');
  // One private answer refuses the name: which answer a client uses is not ours to guess.
  if (!allowPrivate && answers.some((a) => !isPublicAddress(a.address))) throw new DestinationRefused('address');
  return answers[0]!;
}

/**
 * Refuses a URL before it is stored (checkUrl), and a name that resolves to any address that is not
 * public (one that does not resolve yet is kept): an organiser learns at once that `https://localhost/…` will never be
 * sent to. Requests check again at every attempt (the name's answers may change).
 */
export async function checkDestination(raw: string, allowPrivate = getEnv().integrationsAllowPrivate, resolve: Resolver = systemResolver): Promise<void> {
  const url = checkUrl(raw, allowPrivate);
  if (allowPrivate) return;
  try {
    await destinationOf(url, allowPrivate, resolve);
  } catch (e) {
    // A name that does not resolve yet (a receiver still being set up, DNS down) is kept: every
    // attempt resolves and checks it again. Only a name answering with a non-public address is refused.
    if (!(e instanceof DestinationRefused && e.reason === 'unresolved')) throw e;
  }
}

/**
 * Sends one request to an organiser's URL under the rules above and reads at most MAX_ANSWER_BYTES of
 * the answer. Throws DestinationRefused before connecting to a refused destination, and an Error for a
 * timeout or a broken connection; any HTTP status is an answer (the caller decides what succeeded).
 */
export async function safeRequest(rawUrl: string, opts: RequestOptions): Promise<Answer> {
  const allowPrivate = opts.allowPrivate ?? getEnv().integrationsAllowPrivate;
  const url = checkUrl(rawUrl, allowPrivate);
  const pinned = await destinationOf(url, allowPrivate, opts.resolve ?? systemResolver);
  // The connection uses the checked address whatever Node would resolve now; TLS still verifies the name.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: opts.method ?? 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(opts.body)), ...opts.headers },
        lookup,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location ?? null });
        };
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
          size += chunk.length;
          // Enough read: the rest of a large answer is not waited for.
          if (size >= MAX_ANSWER_BYTES) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', (e) => (size >= MAX_ANSWER_BYTES ? done() : reject(e)));
      },
    );
    // One deadline for the whole exchange, not only between packets.
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(opts.body);
  });
}
