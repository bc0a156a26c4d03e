import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createPrecompressedAssets } from '@/lib/http/precompressed';

// A build directory as `npm run build` leaves it: an asset with its .br and .gz copies, one without.
const buildDir = mkdtempSync(path.join(tmpdir(), 'undersign-build-'));
mkdirSync(path.join(buildDir, 'static', 'chunks'), { recursive: true });
writeFileSync(path.join(buildDir, 'static', 'chunks', 'app.js'), 'console.log("app")');
writeFileSync(path.join(buildDir, 'static', 'chunks', 'app.js.br'), 'BROTLI BYTES');
writeFileSync(path.join(buildDir, 'static', 'chunks', 'app.js.gz'), 'GZIP BYTES');
writeFileSync(path.join(buildDir, 'static', 'chunks', 'bare.js'), 'console.log("no copies")');
const serve = createPrecompressedAssets(buildDir);

async function get(url: string, acceptEncoding?: string) {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
  const res = {
    writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(sent, { status, headers }),
    end: (body?: Buffer) => Object.assign(sent, { body }),
  } as unknown as ServerResponse;
  const req = { method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} } as unknown as IncomingMessage;
  const served = await serve(req, res);
  return { served, ...sent };
}

test('build assets are served from the brotli or gzip copy written at build time', async () => {
  const br = await get('/_next/static/chunks/app.js', 'gzip, deflate, br');
  assert.equal(br.served, true);
  assert.equal(br.headers?.['content-encoding'], 'br');
  assert.equal(br.body?.toString(), 'BROTLI BYTES');
  assert.equal(br.headers?.['cache-control'], 'public, max-age=31536000, immutable');
  const gz = await get('/_next/static/chunks/app.js?v=1', 'gzip');
  assert.equal(gz.headers?.['content-encoding'], 'gzip');
  assert.equal(gz.body?.toString(), 'GZIP BYTES');
});

test('nothing is compressed at request time: without a copy from the build, Next answers', async () => {
  assert.equal((await get('/_next/static/chunks/bare.js', 'br')).served, false);
  assert.equal((await get('/_next/static/chunks/app.js')).served, false, 'a client that accepts neither encoding');
});

test('malformed and escaping addresses fall through instead of failing', async () => {
  assert.equal((await get('/_next/static/%E0%A4%A.js', 'br')).served, false);
  assert.equal((await get('/_next/static/..%2F..%2Fetc%2Fpasswd.js', 'br')).served, false);
  assert.equal((await get('/_next/static/chunks/app.js.br', 'br')).served, false);
});
