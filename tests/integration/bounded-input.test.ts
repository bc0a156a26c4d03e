import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { POST as downloadData } from '@/app/api/my-signature/route';
import { POST as signForm } from '@/app/api/petitions/[slug]/sign/route';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import type { Organiser } from '@/lib/auth/session';
import { MAX_BODY_BYTES } from '@/lib/http/body-limit';
import { saveCoverImage } from '@/lib/petitions/cover';
import { APP_URL, startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

/** A body of up to `totalMb` made as it is read, with no Content-Length; `pulled()` says how much was read. */
function endlessBody(totalMb: number) {
  const chunk = new TextEncoder().encode('{"name":"'.padEnd(64 * 1024, 'a'));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= totalMb * 1024 * 1024) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
      // Nothing is made before the reader asks for it.
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

const params = (slug: string) => ({ params: Promise.resolve({ slug }) });

test('a 200 MB body without Content-Length is refused with a localized 413 once it passes the limit, not read whole, by the JSON API, the form route and the data download', async () => {
  const petition = await app.createPetition();
  const routes = [
    { name: 'sign API', type: 'application/json', call: (req: Request) => signApi(req, params(petition.slug)) },
    { name: 'no-JavaScript sign form', type: 'application/x-www-form-urlencoded', call: (req: Request) => signForm(req, params(petition.slug)) },
    { name: 'data download', type: 'application/x-www-form-urlencoded', call: (req: Request) => downloadData(req) },
  ];
  for (const route of routes) {
    const body = endlessBody(200);
    const req = new Request(`${APP_URL}/api/petitions/${petition.slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': route.type, 'accept-language': 'fa', origin: APP_URL },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const res = await route.call(req);
    assert.equal(res.status, 413, `${route.name}: ${res.status}`);
    const message = 'درخواست بیش از حد بزرگ است: حداکثر ۶۴ کیلوبایت.';
    if (route.type === 'application/json') assert.deepEqual(await res.json(), { error: 'too_large', message }, route.name);
    else {
      // A browser without JavaScript shows what it gets: a page in the visitor's language, not JSON.
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, route.name);
      const html = await res.text();
      assert.match(html, /<html lang="fa" dir="rtl">/, route.name);
      assert.ok(html.includes(message), route.name);
    }
    assert.ok(body.pulled() <= MAX_BODY_BYTES + 3 * 64 * 1024, `${route.name}: read ${body.pulled()} bytes of 200 MB`);
  }
});

test('a Content-Length over the limit is refused before any of the body is read', async () => {
  const petition = await app.createPetition();
  const body = endlessBody(1);
  const res = await signApi(
    new Request(`${APP_URL}/api/petitions/${petition.slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit),
    params(petition.slug),
  );
  assert.equal(res.status, 413);
  assert.equal(body.pulled(), 0);
});

/** A PNG of a few hundred bytes whose header claims `width` × `height` pixels. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a cover image claiming more than 25 megapixels is refused from its header, before decoding, with its own message; a normal one is saved', async () => {
  const petition = await app.createPetition();
  const [account] = await app.sql`insert into accounts (email) values ('cover-owner@example.org') returning id`;
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${account!.id}, 'owner')`;
  const owner: Organiser = { id: account!.id, email: 'cover-owner@example.org', isAdmin: false };

  const bomb = pngClaiming(30_000, 30_000);
  assert.ok(bomb.length < 500, `${bomb.length} bytes`);
  const started = Date.now();
  assert.equal(await saveCoverImage(owner, petition.slug, new Blob([new Uint8Array(bomb)])), 'too_many_pixels');
  assert.ok(Date.now() - started < 1_000, `refused in ${Date.now() - started} ms`);
  // Just over the limit (6500 × 4000 = 26 MP), where a decoder limit of 40 MP would have let it through.
  assert.equal(await saveCoverImage(owner, petition.slug, new Blob([new Uint8Array(pngClaiming(6_500, 4_000))])), 'too_many_pixels');
  const [{ n }] = (await app.sql`select count(*)::int as n from petition_images where petition_id = ${petition.id}`) as unknown as [{ n: number }];
  assert.equal(n, 0);

  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#3a6' } })
    .jpeg()
    .toBuffer();
  assert.equal(await saveCoverImage(owner, petition.slug, new Blob([new Uint8Array(photo)])), 'saved');
});
