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
  return row!;
}

test('the per-IP and per-domain limits read their own indexes, whatever the statistics say', async () => {
  const earlier = await app.createPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at, created_at)
    select ${earlier.id}, 'Earlier ' || g, 'e' || g || '@d' || (g % 500) || '.example.org', 'e' || g || '@d' || (g % 500) || '.example.org',
           'd' || (g % 500) || '.example.org', 'FR', 'confirmed', now() - interval '40 days', now() - interval '41 days'
    from generate_series(1, 20000) g`;
  await app.sql`analyze signatures`;
  const surge = await app.createPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, ip_hash, ip_network_hash)
    select ${surge.id}, 'Surge ' || g, 's' || g || '@example.org', 's' || g || '@example.org', 'example.org', 'FR',
           sha256(('ip' || g)::bytea), sha256(('net' || g)::bytea)
    from generate_series(1, 2000) g`;

  // The queries as signature_suspicion() runs them (db/migrations/0011, 0012).
  const perIp = await planOf(`select count(*) from (
      select 1 from signatures where petition_id = $1 and ip_hash = $2 and created_at > now() - make_interval(secs => $4)
      order by petition_id, ip_hash, created_at desc limit 10) recent`);
  assert.match(perIp, /signatures_ip_recent_idx/, perIp);
  const perDomain = await planOf(`select count(*) from (
      select 1 from signatures where petition_id = $1 and email_domain = $3 and created_at > now() - make_interval(secs => $4)
      order by petition_id, email_domain, created_at desc limit 10) recent`);
  assert.match(perDomain, /signatures_domain_recent_idx/, perDomain);
});
