import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';
import next from 'next';
import { runShutdownHooks } from './lib/boot/shutdown';
import { getEnv } from './lib/env';
import { createPublicReadCache, publicReadKey } from './lib/http/public-read-cache';
import { createPrecompressedAssets } from './lib/http/precompressed';
import { CLIENT_IP_HEADER } from './lib/http/client-ip';
import { answerHotWrite } from './lib/http/hot-write-router';
import { hashPageScripts } from './lib/http/page-csp';
import { isPublicPagePath } from './lib/http/public-pages';
import { answerMalformedAddress, answerOutageInsteadOf500, limitRequestBody } from './lib/http/server-guards';
import { clientAddress } from './lib/security/ip';

// `npm start`: Next's request handler behind a plain Node server, for what `next start` does not
// do: brotli (a first visit to a petition costs ~20% fewer bytes than with gzip), a shutdown that
// finishes the requests in flight before the process exits, a byte limit on every request body
// (413, chunked bodies included) and a localized 503 for pages while the database is down.
// `npm run dev` runs it too, with `--dev` (Next's development server), so both take the same path.

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
// Tells the app's boot code that this entry coordinates shutdown.
process.env.UNDERSIGN_SERVER = '1';
// Run from the project root (`npm start` runs the compiled copy in .next/).
const dir = process.cwd();
// No precompressed build assets in development (Next serves them as it compiles).
const assets: ReturnType<typeof createPrecompressedAssets> = dev ? async () => false : createPrecompressedAssets(path.join(dir, '.next'));
// Pages and API answers: brotli at a fast setting (they are small and made per request), gzip for older clients.
const compress = compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }, threshold: 1024 });
// Public petition pages and reads (the count a page polls): one rendering per address every
// PAGE_CACHE_MS (0 turns it off), shared by everyone asking meanwhile; the count shown is at most that old.
// (Development renders every request: what is edited shows at once.)
const pageCacheMs = dev ? 0 : getEnv().pageCacheMs;
const answerFromCache = createPublicReadCache({ ttlMs: pageCacheMs, maxEntries: 500 });

const proxyHops = getEnv().trustProxyHops;
const hotWrites = getEnv().hotWriteRouter;
const server = http.createServer((incoming, res) => {
  // The one trustworthy statement of who is calling, for rate limits; a client-sent value is replaced.
  const ip = clientAddress(incoming.socket.remoteAddress, incoming.headers['x-forwarded-for'] as string | undefined, proxyHops);
  if (ip) incoming.headers[CLIENT_IP_HEADER] = ip;
  else delete incoming.headers[CLIENT_IP_HEADER];
  if (answerMalformedAddress(incoming, res)) return;
  limitRequestBody(incoming, res)
    .then(async (req) => {
      if (!req) return;
      // Signing (API and the form without JavaScript) and confirming: answered here by the functions
      // their route handlers call, without Next's per-request cost (lib/http/hot-write-router.ts).
      if (hotWrites && answerHotWrite(req, res)) return;
      if (isPageRead(req)) answerOutageInsteadOf500(req, res);
      if (await assets(req, res)) return;
      // Signing and confirming answer a few bytes of JSON: the compression middleware's own cost
      // (~25% of a POST's time here) buys nothing there.
      if (req.method === 'POST' && req.url?.startsWith('/api/')) return void handle(req, res);
      const shareKey = publicReadKey(req);
      const key = pageCacheMs > 0 ? shareKey : null;
      // Public petition pages: rendered without a nonce, their inline scripts' hashes put in their
      // policy here, and a Cache-Control a CDN may follow when the page is the same for everyone.
      const render = isPublicPage(req) ? () => (hashPageScripts(res, shareKey !== null), void handle(req, res)) : () => void handle(req, res);
      if (!key) return void compress(req as never, res as never, render);
      return answerFromCache(key, req, res).then((startRecording) => {
        if (startRecording) compress(req as never, res as never, () => (startRecording(), render()));
      });
    })
    .catch((err) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
});
server.keepAliveTimeout = 65_000;
// Next's development server attaches its hot-reload socket to this server.
const app = next({ dev, dir, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.listen(port, () => console.log(`Undersign listening on http://localhost:${port}${dev ? ' (development)' : ''}`));

/** A public petition page (or widget, or "check your inbox" page) asked for by GET or HEAD. */
function isPublicPage(req: http.IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && isPublicPagePath((req.url ?? '/').split('?')[0]!);
}

/** A page read by a browser: not the API, Next's assets or the development pages. */
function isPageRead(req: http.IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !/^\/(?:api|_next|dev)(?:\/|$)/.test(req.url ?? '');
}

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  // Development: nothing to drain (the hot-reload sockets would hold the server open); the worker's jobs still finish.
  if (dev) return void runShutdownHooks().finally(() => process.exit(0));
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  // Stop accepting; idle keep-alive sockets close now, busy ones after their response.
  server.close(() => {
    void runShutdownHooks()
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 25_000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
