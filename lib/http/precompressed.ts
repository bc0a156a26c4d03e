import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};
const EXTENSION = { br: '.br', gzip: '.gz' } as const;
const MAX_ENTRIES = 2_000;

/**
 * Serves Next's hashed build assets (`/_next/static/…`) in the brotli or gzip copy `npm run build`
 * wrote beside each (scripts/build-server.mjs, at the highest settings), read from disk once and
 * kept in memory: a first visit costs ~20% fewer bytes with brotli than with gzip, and no request
 * pays for compression. Falls through (returns false) for anything it cannot serve this way (no
 * such copy, a client that accepts neither encoding, a malformed address), so Next answers as usual.
 */
export function createPrecompressedAssets(buildDir: string) {
  const staticDir = path.join(buildDir, 'static');
  const cache = new Map<string, Promise<Buffer | null>>();

  function precompressed(file: string): Promise<Buffer | null> {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file).catch(() => null);
      // Misses are not remembered, so random URLs cannot fill the cache.
      void entry.then((b) => b === null && cache.delete(file));
      if (cache.size < MAX_ENTRIES) cache.set(file, entry);
    }
    return entry;
  }

  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    if (!url.startsWith('/_next/static/')) return false;
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    if (!encoding) return false;
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice('/_next/static/'.length).split('?')[0]!);
    } catch {
      return false;
    }
    const file = path.join(staticDir, relative);
    const type = TYPES[path.extname(file)];
    if (!type || !file.startsWith(staticDir + path.sep)) return false;
    const body = await precompressed(file + EXTENSION[encoding]);
    if (!body) return false;
    res.writeHead(200, {
      'content-type': type,
      'content-encoding': encoding,
      'content-length': body.length,
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
