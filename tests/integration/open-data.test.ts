import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET as listPetitions } from '@/app/api/petitions/route';
import { GET as getPetition } from '@/app/api/petitions/[slug]/route';
import { GET as getCount } from '@/app/api/petitions/[slug]/count/route';
import { GET as getCountries } from '@/app/api/petitions/[slug]/countries/route';
import { GET as getHourly } from '@/app/api/petitions/[slug]/signatures-per-hour/route';
import { GET as getOembed } from '@/app/api/oembed/route';
import robots from '@/app/robots';
import sitemap from '@/app/sitemap';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
let slug: string;
before(async () => {
  app = await startBackend({ worker: false });
  const p = await app.createPetition({ title: 'Open data' });
  slug = p.slug;
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, postcode, comment, status, confirmed_at, source)
    select ${p.id}, 'Private Name ' || g, 'private' || g || '@example.org', 'private' || g || '@example.org',
           (array['EG','FR','IR'])[1 + g % 3], 'SW1A 1AA', 'private comment', 'confirmed', now() - (g % 5) * interval '1 hour', 'whatsapp'
    from generate_series(1, 30) g`;
  await app.sealLegacySignatures();
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, 0, 30)`;
});
after(() => app.stop());

const ctx = () => ({ params: Promise.resolve({ slug }) });

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

test('no API response carries an email, a name, a postcode, a comment or an IP, in any field', async () => {
  const responses = await Promise.all([
    listPetitions(new Request('http://app.test/api/petitions')),
    getPetition(new Request(`http://app.test/api/petitions/${slug}`), ctx()),
    getCount(new Request(`http://app.test/api/petitions/${slug}/count`), ctx()),
    getCountries(new Request(`http://app.test/api/petitions/${slug}/countries`), ctx()),
    getHourly(new Request(`http://app.test/api/petitions/${slug}/signatures-per-hour?days=2`), ctx()),
    getOembed(new Request(`http://app.test/api/oembed?url=${encodeURIComponent(`${process.env.APP_URL}/p/${slug}`)}`)),
  ]);
  for (const res of responses) {
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*', 'reads are open to any site');
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    for (const s of strings(await res.json())) {
      assert.ok(!/@|Private Name|SW1A|private comment|\b\d{1,3}(\.\d{1,3}){3}\b/.test(s), `personal data in the API: ${s}`);
    }
  }
});

test('open data adds up: per hour and per country both total the confirmed count', async () => {
  const hourly = await (await getHourly(new Request(`http://app.test/api/petitions/${slug}/signatures-per-hour?days=1`), ctx())).json();
  assert.equal(
    hourly.hours.reduce((n: number, h: { signatures: number }) => n + h.signatures, 0),
    30,
  );
  assert.ok(hourly.hours.every((h: { hour: string }) => h.hour.endsWith(':00:00.000Z')));
  const countries = await (await getCountries(new Request('http://app.test/x'), ctx())).json();
  assert.deepEqual(countries.countries.map((c: { country: string }) => c.country).sort(), ['EG', 'FR', 'IR']);
  assert.equal(
    countries.countries.reduce((n: number, c: { signatures: number }) => n + c.signatures, 0),
    30,
  );
  const count = await (await getCount(new Request('http://app.test/x'), ctx())).json();
  assert.equal(count.signatureCount, 30);
  const bad = await getHourly(new Request(`http://app.test/x?days=999&to=yesterday`), ctx());
  assert.equal(bad.status, 200, 'bad parameters fall back to defaults, never a 500');
});

test('the sitemap lists open petitions with their languages and hides drafts; robots hide dashboards and token links', async () => {
  const draft = await app.createPetition({ status: 'draft', title: 'Secret draft' });
  const closed = await app.createPetition({ status: 'closed' });
  const urls = (await sitemap()).map((e) => e.url);
  assert.ok(urls.includes(`http://app.test/p/${slug}`));
  assert.ok(!urls.some((u) => u.includes(draft.slug)), 'drafts are not in the sitemap');
  assert.ok(!urls.some((u) => u.includes(closed.slug)));
  const entry = (await sitemap()).find((e) => e.url.endsWith(slug));
  assert.equal(entry?.alternates?.languages?.ar, `http://app.test/ar/p/${slug}`);
  const rules = robots().rules as { disallow: string[] };
  for (const path of ['/dashboard', '/*/confirm/', '/api/', '/login', '/invites/']) assert.ok(rules.disallow.includes(path), path);
});
