import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { GET as getPreview } from '@/app/api/petitions/[slug]/preview/route';
import { startBackend } from '../support/app';
import { PREVIEW_INTERVAL_MS, previewRenderings } from '@/lib/sharing/petition-preview';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

const fetchPreview = (slug: string, query = '', headers: HeadersInit = {}) =>
  getPreview(new Request(`http://app.test/api/petitions/${slug}/preview${query}`, { headers }), { params: Promise.resolve({ slug }) });

async function pixelsOf(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, info };
}

test('an English and an Arabic petition each get a 1200×630 PNG card, cacheable, with text drawn on it', async () => {
  const english = await app.createPetition({ title: 'Keep the night buses running', target: 'The Transport Authority' });
  const arabic = await app.createPetition({ title: 'أطلقوا سراح معتقلي عيد العمال', target: 'وزير العدل', language: 'ar' });
  const cards: Buffer[] = [];
  for (const p of [english, arabic]) {
    const res = await fetchPreview(p.slug);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.match(res.headers.get('cache-control')!, /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const png = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 630]);
    // Text was drawn: the title band holds many dark pixels, not a blank background.
    const { data, info } = await pixelsOf(await sharp(png).extract({ left: 0, top: 100, width: 1200, height: 200 }).png().toBuffer());
    let dark = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 100) dark++;
    assert.ok(dark > 5_000, `only ${dark} dark pixels in the title band`);
    cards.push(png);
    // An unchanged card answers 304 to a client that has it.
    const again = await fetchPreview(p.slug, '', { 'if-none-match': res.headers.get('etag')! });
    assert.equal(again.status, 304);
  }
  assert.notDeepEqual(cards[0], cards[1]);
});

test('the Arabic card is laid out right to left: the title hugs the right margin', async () => {
  const arabic = await app.createPetition({ title: 'قصير', language: 'ar' });
  const png = Buffer.from(await (await fetchPreview(arabic.slug)).arrayBuffer());
  const { data, info } = await pixelsOf(await sharp(png).extract({ left: 0, top: 110, width: 1200, height: 120 }).png().toBuffer());
  let minX = Infinity;
  let maxX = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[(y * info.width + x) * info.channels]! < 100) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
    }
  }
  assert.ok(maxX > 1050, `title ends at x=${maxX}, expected near the right margin`);
  assert.ok(minX > 600, `title starts at x=${minX}, expected a short title on the right half`);
});

test('the card follows the count at the next interval, and drafts have none', async (t) => {
  const p = await app.createPetition();
  const before = await fetchPreview(p.slug);
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, 0, 1234)
    on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + 1234`;
  assert.equal((await fetchPreview(p.slug)).headers.get('etag'), before.headers.get('etag'), 'within the interval, the card already made');
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + PREVIEW_INTERVAL_MS + 1 });
  const afterCount = await fetchPreview(p.slug);
  assert.notEqual(afterCount.headers.get('etag'), before.headers.get('etag'), 'a moved count is a new card, the next interval');
  const draft = await app.createPetition({ status: 'draft' });
  assert.equal((await fetchPreview(draft.slug)).status, 404);
});

test('a surge of requests for one card while the count moves costs one rendering per interval', async (t) => {
  const p = await app.createPetition({ title: 'Free the Nile Delta farmers' });
  const renderedBefore = previewRenderings();
  const etags = new Set<string>();
  // Five waves of 20 requests at once; between the waves the count moves (a surge of confirmations).
  for (let wave = 0; wave < 5; wave++) {
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetchPreview(p.slug)));
    for (const a of answers) {
      assert.equal(a.status, 200);
      etags.add(a.headers.get('etag')!);
      await a.arrayBuffer();
    }
    await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, ${wave}, ${wave + 1})
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + ${wave + 1}`;
  }
  assert.equal(previewRenderings() - renderedBefore, 1, '100 requests, the count moving 5 times: one rendering');
  assert.equal(etags.size, 1);
  // The next interval: one more rendering for the next surge, with the count as it is then.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + PREVIEW_INTERVAL_MS + 1 });
  const next = await Promise.all(Array.from({ length: 20 }, () => fetchPreview(p.slug)));
  assert.equal(previewRenderings() - renderedBefore, 2);
  assert.equal(new Set(next.map((a) => a.headers.get('etag'))).size, 1);
  assert.ok(!etags.has(next[0]!.headers.get('etag')!), 'the new card shows the new count');
});
