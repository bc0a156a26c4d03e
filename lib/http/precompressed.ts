import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};
const MAX_ENTRIES = 1_000;

/**
 * Serves Next's hashed build assets (`/_next/static/…`) brotli-compressed at the highest quality,
 * compressed once per file and kept in memory: a first visit costs ~20% fewer bytes than gzip,
 * and no request pays for compression after the first. Falls through (returns false) for anything
 * it cannot serve this way, so Next answers as usual.
 */
export function createPrecompressedAssets(buildDir: string) {
  const staticDir = path.join(buildDir, 'static');
  const cache = new Map<string, Promise<Buffer | null>>();

  function compressed(file: string): Promise<Buffer | null> {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file).then(
        (raw) => brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        () => null,
      );
      // Misses are not remembered, so random URLs cannot fill the cache.
      void entry.then((b) => b === null && cache.delete(file));
      if (cache.size < MAX_ENTRIES) cache.set(file, entry);
    }
    return entry;
  }

  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    if (!url.startsWith('/_next/static/') || !/\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
    const relative = decodeURIComponent(url.slice('/_next/static/'.length).split('?')[0]!);
    const file = path.join(staticDir, relative);
    const type = TYPES[path.extname(file)];
    if (!type || !file.startsWith(staticDir + path.sep)) return false;
    const body = await compressed(file);
    if (!body) return false;
    res.writeHead(200, {
      'content-type': type,
      'content-encoding': 'br',
      'content-length': body.length,
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
