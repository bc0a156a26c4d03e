import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { getDashboard } from '@/lib/dashboard/queries';
import { invalidateByRule, previewBulkRule, releaseHeldByRule, restoreByRule } from '@/lib/moderation/invalidate';
import { getSignatureCount, recountPetition } from '@/lib/petitions/counts';
import { getEnv } from '@/lib/env';
import { ipHashes } from '@/lib/security/ip';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
let stranger: Organiser;
let admin: Organiser;
before(async () => {
  app = await startBackend({ worker: false });
  const [a] = await app.sql`insert into accounts (email) values ('bulk-owner@example.org') returning id`;
  const [b] = await app.sql`insert into accounts (email) values ('bulk-stranger@example.org') returning id`;
  const [c] = await app.sql`insert into accounts (email) values ('bulk-admin@example.org') returning id`;
  owner = { id: a!.id, email: 'bulk-owner@example.org', isAdmin: false };
  stranger = { id: b!.id, email: 'bulk-stranger@example.org', isAdmin: false };
  admin = { id: c!.id, email: 'bulk-admin@example.org', isAdmin: true };
});
after(() => app.stop());

async function petitionWithSignatures() {
  const petition = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.id}, 'owner')`;
  const bot = ipHashes('203.0.113.9', getEnv().secret);
  const neighbour = ipHashes('203.0.113.77', getEnv().secret);
  // 40 real signers; 25 from a bot farm at one address and one more in its /24; 5 bots still pending; 3 held.
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at, created_at, ip_hash, ip_network_hash)
    select ${petition.id}::uuid, 'Real Person ' || g, 'real' || g || '@example.org', 'real' || g || '@example.org', 'example.org',
           'FR', 'confirmed', now(), now() - interval '2 days', null, null
    from generate_series(1, 40) g
    union all
    select ${petition.id}::uuid, 'xBot ' || g, 'bot' || g || '@mail.botfarm.example', 'bot' || g || '@mail.botfarm.example', 'mail.botfarm.example',
           'RU', case when g <= 20 then 'confirmed' else 'pending' end::signature_status, case when g <= 20 then now() end,
           now() - interval '1 hour', ${bot.ipHash}, ${bot.networkHash}
    from generate_series(1, 25) g
    union all
    select ${petition.id}::uuid, 'Neighbour', 'n@example.net', 'n@example.net', 'example.net', 'RU', 'confirmed', now(), now() - interval '1 hour', ${neighbour.ipHash}, ${neighbour.networkHash}
    union all
    select ${petition.id}::uuid, 'Held ' || g, 'held' || g || '@example.com', 'held' || g || '@example.com', 'example.com', 'DE', 'held', now(), now(), null, null
    from generate_series(1, 3) g`;
  await app.sealLegacySignatures();
  await recountPetition(petition.id);
  return petition;
}

test('the preview count equals the number invalidated, and the count, the dashboard and a recount follow', async () => {
  const petition = await petitionWithSignatures();
  assert.equal(await getSignatureCount(petition.id), 61);

  const rule = { emailDomain: '*.botfarm.example' };
  const preview = await previewBulkRule(owner, petition.slug, rule);
  assert.deepEqual(preview, { status: 'matched', matching: 25, counted: 20, held: 0, restorable: 0, matchesAll: false });
  assert.equal(await getSignatureCount(petition.id), 61, 'a preview changes nothing');

  const done = await invalidateByRule(owner, petition.slug, rule);
  assert.deepEqual(done, { status: 'done', changed: preview.status === 'matched' ? preview.matching : -1, countChange: -20 });
  assert.equal(await getSignatureCount(petition.id), 41);
  const dashboard = await getDashboard(owner, petition.slug);
  assert.equal(dashboard!.figures.confirmed, 41);
  assert.equal(dashboard!.figures.invalidated, 25);
  assert.deepEqual(await recountPetition(petition.id), { stored: 41, actual: 41 });
  // Idempotent: nothing is left for the same rule.
  assert.deepEqual(await invalidateByRule(owner, petition.slug, rule), { status: 'done', changed: 0, countChange: 0 });
});

test('rules by IP network, name pattern, country and time window combine; a stranger can do nothing', async () => {
  const petition = await petitionWithSignatures();
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { ipRange: '203.0.113.9' }), {
    status: 'matched',
    matching: 25,
    counted: 20,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { ipRange: '203.0.113.0/24' }), {
    status: 'matched',
    matching: 26,
    counted: 21,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { namePattern: 'xbot*', country: 'ru' }), {
    status: 'matched',
    matching: 25,
    counted: 20,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  const since = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 16);
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { from: since, country: 'RU' }), {
    status: 'matched',
    matching: 26,
    counted: 21,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await previewBulkRule(owner, petition.slug, {}), { status: 'invalid', field: 'rule' });
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { ipRange: '203.0.0.0/16' }), { status: 'invalid', field: 'ipRange' });
  assert.deepEqual(await invalidateByRule(stranger, petition.slug, { country: 'RU' }), { status: 'not_found' });
  assert.equal(await getSignatureCount(petition.id), 61);
});

test('held signatures are counted once a platform admin releases them; the petition’s organisers cannot', async () => {
  const petition = await petitionWithSignatures();
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { country: 'DE' }), {
    status: 'matched',
    matching: 3,
    counted: 0,
    held: 3,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await releaseHeldByRule(owner, petition.slug, { country: 'DE' }), { status: 'admin_only' });
  assert.equal(await getSignatureCount(petition.id), 61, 'an organiser released nothing');
  assert.deepEqual(await releaseHeldByRule(admin, petition.slug, { country: 'DE' }), { status: 'done', changed: 3, countChange: 3 });
  assert.equal(await getSignatureCount(petition.id), 64);
  assert.deepEqual(await recountPetition(petition.id), { stored: 64, actual: 64 });
});

test('a rule that matches every live signature is refused, however it is written', async () => {
  const petition = await petitionWithSignatures();
  for (const namePattern of ['*', '**', ' * ', '*ـ*', '*\u064e*']) {
    assert.deepEqual(
      await previewBulkRule(owner, petition.slug, { namePattern }),
      { status: 'invalid', field: 'namePattern' },
      `name pattern ${JSON.stringify(namePattern)}`,
    );
    assert.deepEqual(await invalidateByRule(owner, petition.slug, { namePattern }), { status: 'invalid', field: 'namePattern' });
  }
  // Rules that happen to describe everyone: every signature is from before tomorrow, and after 2000.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
  for (const rule of [{ to: tomorrow }, { from: '2000-01-01T00:00' }]) {
    assert.deepEqual(
      await previewBulkRule(owner, petition.slug, rule),
      { status: 'matched', matching: 69, counted: 61, held: 3, restorable: 0, matchesAll: true },
      JSON.stringify(rule),
    );
    assert.deepEqual(await invalidateByRule(owner, petition.slug, rule), { status: 'matches_all', matching: 69 });
    assert.deepEqual(await invalidateByRule(admin, petition.slug, rule), { status: 'matches_all', matching: 69 }, 'not even a platform admin');
  }
  assert.equal(await getSignatureCount(petition.id), 61, 'nothing was invalidated');
  const [{ n }] = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id} and status = 'invalidated'`) as unknown as [
    { n: number },
  ];
  assert.equal(n, 0);
  // One signature fewer than everything is a rule like any other.
  assert.deepEqual(await invalidateByRule(owner, petition.slug, { to: tomorrow, country: 'RU' }), { status: 'done', changed: 26, countChange: -21 });
});

test('a signature invalidated by mistake is restored to what it was, counted again exactly once', async () => {
  const petition = await petitionWithSignatures();
  const rule = { emailDomain: '*.botfarm.example' };
  assert.deepEqual(await invalidateByRule(owner, petition.slug, rule), { status: 'done', changed: 25, countChange: -20 });
  assert.equal(await getSignatureCount(petition.id), 41);

  assert.deepEqual(await previewBulkRule(owner, petition.slug, rule), {
    status: 'matched',
    matching: 0,
    counted: 0,
    held: 0,
    restorable: 25,
    matchesAll: false,
  });
  assert.deepEqual(await restoreByRule(owner, petition.slug, rule), { status: 'done', changed: 25, countChange: 20 });
  assert.equal(await getSignatureCount(petition.id), 61, 'the confirmed ones count again');
  const statuses = await app.sql`select status, count(*)::int as n, count(restored_at)::int as restored from signatures
    where petition_id = ${petition.id} and email_domain = 'mail.botfarm.example' group by status order by status`;
  assert.deepEqual(
    statuses.map((r) => ({ ...r })),
    [
      { status: 'pending', n: 5, restored: 5 },
      { status: 'confirmed', n: 20, restored: 20 },
    ],
    'pending stays pending',
  );
  assert.deepEqual(await restoreByRule(owner, petition.slug, rule), { status: 'done', changed: 0, countChange: 0 }, 'restoring twice changes nothing more');
  assert.equal(await getSignatureCount(petition.id), 61);
  assert.deepEqual(await recountPetition(petition.id), { stored: 61, actual: 61 });

  // Held signatures go back to being held, not counted; and what an admin invalidated only an admin restores.
  assert.deepEqual(await invalidateByRule(admin, petition.slug, { country: 'DE' }), { status: 'done', changed: 3, countChange: 0 });
  assert.deepEqual(await previewBulkRule(owner, petition.slug, { country: 'DE' }), {
    status: 'matched',
    matching: 0,
    counted: 0,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await restoreByRule(owner, petition.slug, { country: 'DE' }), { status: 'done', changed: 0, countChange: 0 });
  assert.deepEqual(await restoreByRule(admin, petition.slug, { country: 'DE' }), { status: 'done', changed: 3, countChange: 0 });
  const [held] = await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id} and country = 'DE' and status = 'held'`;
  assert.equal(held!.n, 3);
  assert.deepEqual(await restoreByRule(stranger, petition.slug, rule), { status: 'not_found' });
  assert.deepEqual(await recountPetition(petition.id), { stored: 61, actual: 61 });
});
