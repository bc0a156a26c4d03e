import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';

// Batches keep each statement short: a retention run never holds locks on a surge's rows for long.
const BATCH = 5_000;

/**
 * Clears the keyed IP hashes of signatures older than the abuse-review window (30 days by default).
 * Idempotent; returns how many signatures it cleared.
 */
export async function clearExpiredIpHashes(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().ipRetentionDays * 86_400_000).toISOString();
  let total = 0;
  for (;;) {
    const rows = await getDb().execute<{ n: number }>(sql`
      with batch as (
        select id from signatures
        -- The day bound finds them through signatures_ip_retention_idx; the exact bound decides.
        where ip_hash is not null
          and (created_at at time zone 'UTC')::date <= (${cutoff}::timestamptz at time zone 'UTC')::date
          and created_at < ${cutoff}::timestamptz
        limit ${BATCH}
      ),
      upd as (update signatures s set ip_hash = null, ip_network_hash = null from batch where s.id = batch.id returning 1)
      select count(*)::int as n from upd`);
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Removes the personal data of signers of petitions closed longer ago than the retention period:
 * names, emails, postcodes, comments and IP hashes go; status, country, source and dates stay, so
 * counts, charts and open data are unchanged. Idempotent; returns how many signatures it anonymised.
 */
export async function anonymiseClosedPetitions(now = new Date()): Promise<number> {
  const days = getEnv().anonymiseAfterDays;
  let total = 0;
  for (;;) {
    const rows = await getDb().execute<{ n: number }>(sql`
      with batch as (
        select s.id from signatures s join petitions p on p.id = s.petition_id
        where p.status = 'closed' and p.closed_at < ${now.toISOString()}::timestamptz - make_interval(days => ${days})
          and s.anonymised_at is null
        limit ${BATCH}
      ),
      tokens as (delete from signature_tokens t using batch where t.signature_id = batch.id),
      upd as (
        update signatures s
        set name = '', email = '', canonical_email = 'anonymised:' || s.id, email_domain = null,
            postcode = null, comment = null, ip_hash = null, ip_network_hash = null, show_name = false,
            wants_updates = false, anonymised_at = now()
        from batch where s.id = batch.id
        returning 1
      )
      select count(*)::int as n from upd`);
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < BATCH) return total;
  }
}

/** Deletes the circuit breaker's past windows, email-budget records past the budget's window and expired emailed tokens: none is of use any more. */
export async function deleteExpiredRecords(): Promise<void> {
  await getDb().execute(sql`delete from petition_sign_windows where window_start < now() - interval '1 day'`);
  await getDb().execute(sql`delete from email_budget_events where created_at < now() - coalesce((select make_interval(secs => window_seconds) from abuse_limits where name = 'email_budget'), interval '1 hour')`);
  await getDb().execute(sql`delete from signature_tokens where expires_at < now() - interval '1 day'`);
}
