import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBackend } from '../support/app';

// The abuse checks run inside every signature; a plan that reads more than a handful of index entries
// turns a surge into a crawl. These plans are checked as PostgreSQL makes them on a mature database:
// most signatures from earlier petitions, their IP hashes long expired (the statistics then say
// ip_hash is almost always null), and a new petition whose surge the statistics know nothing of.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

async function planOf(query: string): Promise<string> {
  // plpgsql caches a generic plan per connection: that is the plan to check.
  const [row] = await app.sql.begin(async (tx) => {
    await tx`set local plan_cache_mode = force_generic_plan`;
    await tx.unsafe(`prepare count_check(uuid, bytea, text, int) as ${query}`);
    const plan = await tx.unsafe(`explain execute count_check('00000000-0000-0000-0000-000000000000', '\\x00', 'example.org', 3600)`);
    await tx.unsafe('deallocate count_check');
    return [plan.map((r) => r['QUERY PLAN'] as string).join('\n')];
  });
  return row;
}

test('the per-IP and per-domain limits read their own indexes, whatever the statistics say', async () => {
  const earlier = await app.createPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at, created_at)
    select ${earlier.id}, 'Earlier ' || g, 'e' || g || '@d' || (g % 500) || '.example.org', 'e' || g || '@d' || (g % 500) || '.example.org',
           'd' || (g % 500) || '.example.org', 'FR', 'confirmed', now() - interval '40 days', now() - interval '41 days'
    from generate_series(1, 20000) g`;
  await app.sealLegacySignatures();
  await app.sql`analyze signatures`;
  const surge = await app.createPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, ip_hash, ip_network_hash)
    select ${surge.id}, 'Surge ' || g, 's' || g || '@example.org', 's' || g || '@example.org', 'example.org', 'FR',
           sha256(('ip' || g)::bytea), sha256(('net' || g)::bytea)
    from generate_series(1, 2000) g`;
  await app.sealLegacySignatures();

  // The queries as signature_suspicion() runs them (db/migrations/0011, 0012, 0015).
  const perIp = await planOf(`select count(*) from (
      select 1 from signatures where petition_id = $1 and ip_hash = $2 and created_at > now() - make_interval(secs => $4)
      order by petition_id, ip_hash, created_at desc limit 10) recent`);
  assert.match(perIp, /signatures_ip_recent_idx/, perIp);
  const perDomain = await planOf(`select count(*) from (
      select 1 from signatures where petition_id = $1 and email_domain = $3 and created_at > now() - make_interval(secs => $4)
      order by petition_id, email_domain, created_at desc limit 10) recent`);
  assert.match(perDomain, /signatures_domain_recent_idx/, perDomain);
});

test("the email budget counts a network's recent emails from its index, whatever the statistics say", async () => {
  // Hours of other networks' emails, analysed; then a flood from one network the statistics never saw.
  await app.sql`
    insert into email_budget_events (network_hash, created_at)
    select sha256(('net' || (g % 3000))::bytea), now() - make_interval(secs => g % 7200) from generate_series(1, 30000) g`;
  await app.sql`analyze email_budget_events`;
  await app.sql`insert into email_budget_events (network_hash) select sha256('flood'::bytea) from generate_series(1, 2000)`;
  // The count as email_budget_take() runs it (db/migrations/0015).
  const budget = await planOf(`select count(*) from (
      select 1 from email_budget_events where network_hash = $2 and created_at > now() - make_interval(secs => $4)
      order by network_hash, created_at desc limit 10) recent`);
  // The index bounds the read to the network's window, which never holds more than the budget: an
  // email beyond it is not recorded.
  assert.match(budget, /email_budget_events_network_idx/, budget);
  assert.doesNotMatch(budget, /Seq Scan/, budget);
});
