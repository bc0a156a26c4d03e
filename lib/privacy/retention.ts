import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';

// Batches keep each statement short: a retention run never holds locks on a surge's rows for long.
const BATCH = 5_000;

// Days of 24 hours before `now`, computed here: a timestamptz minus an interval of days follows the
// session zone's daylight-saving changes (an hour early or late in America/Toronto).
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Clears the keyed IP hashes of signatures older than the abuse-review window (30 days by default).
 * Idempotent; returns how many signatures it cleared.
 */
export async function clearExpiredIpHashes(now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, getEnv().ipRetentionDays);
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
  const cutoff = daysBefore(now, getEnv().anonymiseAfterDays);
  let total = 0;
  for (;;) {
    const rows = await getDb().execute<{ n: number }>(sql`
      with batch as (
        select s.id from signatures s join petitions p on p.id = s.petition_id
        where p.status = 'closed' and p.closed_at < ${cutoff}::timestamptz
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

/** Deletes the circuit breaker's past windows and expired emailed tokens: neither is of use any more. */
export async function deleteExpiredRecords(): Promise<void> {
  await getDb().execute(sql`delete from petition_sign_windows where window_start < now() - interval '1 day'`);
  await getDb().execute(sql`delete from signature_tokens where expires_at < now() - interval '1 day'`);
}
