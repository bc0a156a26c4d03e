import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sealLegacySignatures } from '../lib/privacy/key-store';
import { postgresDefaults } from '../db/connection';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';

/**
 * A fresh, migrated database for one benchmark run: on DATABASE_URL's server when set, else on
 * the embedded PostgreSQL. Dropped by `drop()`.
 */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void>; server: string }> {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: '.data/bench-pg', port: Number(process.env.BENCH_PG_PORT ?? 54333), database: 'postgres' });
    adminUrl = embedded.urlFor('postgres');
  }
  const name = `undersign_bench_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { ...postgresDefaults, max: 1 });
  await admin.unsafe(`create database "${name}"`);
  const [{ version }] = (await admin`select split_part(version(), ' ', 2) as version`) as unknown as [{ version: string }];
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  return {
    url,
    server: `PostgreSQL ${version}${embedded ? ' (embedded)' : ''}`,
    async drop() {
      const { closeDb } = await import('../db/client');
      await closeDb();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      await embedded?.stop();
    },
  };
}

/** One petition with `n` signatures spread over 60 days: 80 % confirmed, 10 % pending, 10 % withdrawn. */
export async function seedBigPetition(url: string, n: number): Promise<{ petitionId: string; slug: string; accountId: string }> {
  const sql = postgres(url, { ...postgresDefaults, max: 1 });
  const [p] = await sql`
    insert into petitions (slug, title, summary, body, target, goal, status, published_at)
    values ('bench-petition', 'Bench petition', 'A million signatures', '', 'Everyone', 2000000, 'open', now() - interval '60 days') returning id`;
  const [a] = await sql`insert into accounts (email) values ('bench@example.org') returning id`;
  await sql`insert into petition_organisers (petition_id, account_id, role) values (${p!.id}, ${a!.id}, 'owner')`;
  const batch = 250_000;
  for (let start = 1; start <= n; start += batch) {
    const end = Math.min(n, start + batch - 1);
    await sql`
      insert into signatures (petition_id, name, email, canonical_email, country, status, created_at, confirmed_at, source, wants_updates, comment, postcode)
      select ${p!.id}, 'Signer ' || g, 'b' || g || '@example.org', 'b' || g || '@example.org',
        (array['GB','FR','DE','EG','IR','IQ','US','MA','TR','LB','AF','JO'])[1 + g % 12],
        case when g % 10 < 8 then 'confirmed' when g % 10 = 8 then 'pending' else 'withdrawn' end::signature_status,
        now() - (g % 1440) * interval '1 hour' - (g % 60) * interval '1 minute',
        case when g % 10 < 8 then now() - (g % 1440) * interval '1 hour' end,
        (array['whatsapp','telegram','x','facebook','email',null])[1 + g % 6], g % 3 = 0,
        case when g % 20 = 0 then 'Because it matters, ' || g end, 'AB' || (g % 1000)
      from generate_series(${start}::int, ${end}::int) g`;
  }
  await sql`insert into petition_counters (petition_id, shard, confirmed) values (${p!.id}, 0, ${Math.floor(n * 0.8)})`;
  // Inserted in the clear columns, then sealed as signing seals them (names, emails, postcodes and
  // comments encrypted, word hashes for search), so the dashboard and the export decrypt as in production.
  const { getEnv } = await import('../lib/env');
  const env = getEnv();
  await sealLegacySignatures(sql, { keys: { current: env.dataKey }, secret: env.secret, batch: 5000 });
  await sql`vacuum analyze signatures`;
  await sql.end();
  return { petitionId: p!.id, slug: 'bench-petition', accountId: a!.id };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
