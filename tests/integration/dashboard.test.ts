import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { getDashboard, listSignaturesForOrganiser, setCommentHidden } from '@/lib/dashboard/queries';
import { exportSignatures } from '@/lib/exports/signatures';
import { confirmSignature } from '@/lib/signatures/confirm';
import { listRecentSigners } from '@/lib/signatures/queries';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { keyOf } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
let stranger: Organiser;
before(async () => {
  app = await startBackend({ workerConcurrency: 1 });
  const [a] = await app.sql`insert into accounts (email) values ('dash-owner@example.org') returning id`;
  const [b] = await app.sql`insert into accounts (email) values ('dash-stranger@example.org') returning id`;
  owner = { id: a!.id, email: 'dash-owner@example.org', isAdmin: false };
  stranger = { id: b!.id, email: 'dash-stranger@example.org', isAdmin: false };
});
after(() => app.stop());

async function ownedPetition() {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  return p;
}

test('dashboard figures match a recount from the signatures table after a burst of signs, confirms and withdrawals', async () => {
  const p = await ownedPetition();
  const countries = ['FR', 'EG', 'IR', 'FR', 'GB'];
  const sources = ['whatsapp', 'telegram', undefined, 'whatsapp', 'x'];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      signPetition(p.slug, { name: `Burst ${i}`, email: `burst${i}@example.org`, country: countries[i % 5], source: sources[i % 5], updates: i % 2 === 0 }),
    ),
  );
  const ids = await app.sql<{ id: number }[]>`select id from signatures where petition_id = ${p.id} order by id limit 30`;
  await Promise.all(ids.map(async (r) => confirmSignature(await issueConfirmationToken(Number(r.id)))));
  await app.sql`update signatures set status = 'withdrawn', withdrawn_at = now() where id in (${Number(ids[0]!.id)}, ${Number(ids[1]!.id)}, ${Number(ids[2]!.id)})`;
  await app.sql`update signatures set status = 'invalidated', invalidated_at = now() where id = ${Number(ids[3]!.id)}`;

  const d = await getDashboard(owner, p.slug);
  assert.ok(d);
  const recount = Object.fromEntries(
    (await app.sql`select status, count(*)::int as n from signatures where petition_id = ${p.id} group by status`).map((r) => [r.status, r.n]),
  );
  assert.deepEqual(
    { confirmed: d.figures.confirmed, pending: d.figures.pending, withdrawn: d.figures.withdrawn, invalidated: d.figures.invalidated },
    { confirmed: recount.confirmed, pending: recount.pending, withdrawn: recount.withdrawn, invalidated: recount.invalidated },
  );
  assert.equal(d.figures.confirmed, 26);
  assert.equal(d.figures.last24Hours, 40);
  assert.equal(d.figures.lastHour, 40);
  assert.equal(d.figures.confirmationRate, 26 / 36);
  const sum = (rows: { count: number | null }[]) => rows.reduce((n, r) => n + (r.count ?? 0), 0);
  assert.equal(sum(d.countries), 26, 'countries add up to the confirmed count');
  assert.equal(sum(d.sources), 26, 'sources add up to the confirmed count');
  assert.equal(sum(d.daily), 26);
  assert.equal(sum(d.hourly), 26);
  const [{ n: optedIn }] =
    (await app.sql`select count(*)::int as n from signatures where petition_id = ${p.id} and status = 'confirmed' and wants_updates`) as unknown as [
      { n: number },
    ];
  assert.equal(d.figures.optedIn, optedIn);

  assert.equal(await getDashboard(stranger, p.slug), null, 'scoped to the organiser’s own petition');
  assert.equal(await listSignaturesForOrganiser(stranger, p.slug), null);
});

test('organisers find signers by email (any Gmail spelling) or a whole word of the name, and can hide a comment from the public page', async () => {
  const p = await ownedPetition();
  // Zainab asked for updates: only such signers' addresses can be searched (lib/signatures/consent.ts).
  await signPetition(p.slug, { name: 'Zainab Ali', email: 'zainab.ali@gmail.com', country: 'IQ', comment: 'For my brother', showName: true, updates: true });
  await signPetition(p.slug, { name: 'Tom Berg', email: 'tom@example.org', country: 'SE' });
  const [row] = await app.sql`select id from signatures where canonical_email = ${keyOf('zainab.ali@gmail.com')}`;
  await confirmSignature(await issueConfirmationToken(Number(row!.id)));

  assert.deepEqual(
    (await listSignaturesForOrganiser(owner, p.slug, { q: 'ZainabAli+x@googlemail.com' }))?.map((s) => s.email),
    ['zainab.ali@gmail.com'],
  );
  // Tom has not confirmed yet: his name is anyone's typing until he does, and is not searched.
  assert.deepEqual(await listSignaturesForOrganiser(owner, p.slug, { q: 'tom' }), []);
  assert.deepEqual(await listSignaturesForOrganiser(owner, p.slug, { q: '%' }), [], 'wildcards are literal');

  assert.equal((await listRecentSigners(p.id))[0]?.comment, 'For my brother');
  assert.equal(await setCommentHidden(stranger, p.slug, Number(row!.id), true), false);
  assert.equal(await setCommentHidden(owner, p.slug, Number(row!.id), true), true);
  assert.equal((await listRecentSigners(p.id))[0]?.comment, null, 'hidden from the public');

  // Once Tom confirms, a whole word of his name finds him.
  const [tom] = await app.sql`select id from signatures where canonical_email = ${keyOf('tom@example.org')}`;
  await confirmSignature(await issueConfirmationToken(Number(tom!.id)));
  assert.deepEqual(
    (await listSignaturesForOrganiser(owner, p.slug, { q: 'tom' }))?.map((s) => s.name),
    ['Tom Berg'],
  );
});

test('the CSV export streams every row with the right columns, Excel-readable UTF-8 and neutralised formulas', async () => {
  const p = await ownedPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, postcode, comment, status, confirmed_at, source, wants_updates)
    select ${p.id}, 'Signer ' || g, 's' || g || '@example.org', 's' || g || '@example.org', 'FR', 'Lyon', null,
           case when g % 4 = 0 then 'pending' else 'confirmed' end::signature_status,
           case when g % 4 = 0 then null else now() end, 'whatsapp', g % 2 = 0
    from generate_series(1, 2500) g`;
  await app.sealLegacySignatures();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, comment, status, confirmed_at, wants_updates)
    values (${p.id}, '=HYPERLINK("http://evil.example","click")', 'evil@example.org', 'evil@example.org', 'GB', '+SUM(1,2)', 'confirmed', now(), true),
           (${p.id}, 'سارة الخطيب', 'sara@example.org', 'sara@example.org', 'JO', 'من أجل "الحرية", دائمًا', 'confirmed', now(), false)`;
  await app.sealLegacySignatures();

  const read = async (scope: 'confirmed' | 'all') => {
    const result = await exportSignatures(owner, p.slug, scope);
    assert.ok(result);
    const bytes = new Uint8Array(await new Response(result.stream).arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte-order mark');
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  };
  const confirmed = await read('confirmed');
  assert.ok(
    confirmed.startsWith(
      '\uFEFFname,email,country,city_or_postcode,comment,status,created_at,confirmed_at,source,opted_in_to_updates,consent_updates,consent_partner\r\n',
    ),
  );
  const lines = confirmed.trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + 1875 + 2, 'header + every confirmed row');
  const odd = confirmed
    .split('\r\n')
    .filter((l) => l.includes('HYPERLINK') || l.includes('سارة'))
    .join('\n');
  assert.ok(confirmed.includes(`"'=HYPERLINK(""http://evil.example"",""click"")",evil@example.org,GB,,"'+SUM(1,2)",confirmed,`), odd);
  assert.ok(confirmed.includes('سارة الخطيب,,JO,,"من أجل ""الحرية"", دائمًا",confirmed,'), `Arabic kept; email withheld without opt-in: ${odd}`);
  assert.ok(!confirmed.includes(',pending,'));

  const all = await read('all');
  assert.equal(all.trimEnd().split('\r\n').length, 1 + 2502);
  assert.ok(all.includes(',pending,'));
  assert.equal(await exportSignatures(stranger, p.slug, 'all'), null);
});
