import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { retentionPeriods } from './periods';

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
  const cutoff = daysBefore(now, retentionPeriods().ipHashDays);
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
 * Removes the personal data of the signatures `candidates` selects (a query of `id`s, given
 * `batch` rows at a time), where `stillDue` still holds when the row is written: names, emails,
 * postcodes, comments, IP hashes and the signer's links go; status, country, source and dates stay,
 * so counts, charts and open data are unchanged. The canonical email becomes `<label>:<id>`, so the
 * address may sign the petition again, as a new signature. Returns how many it anonymised.
 */
async function anonymiseSignatures(candidates: (batch: number) => SQL, stillDue: SQL, label: string): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await getDb().execute<{ n: number }>(sql`
      with batch as (${candidates(BATCH)}),
      upd as (
        update signatures s
        set name = '', email = '', canonical_email = ${label} || ':' || s.id, email_domain = null,
            postcode = null, comment = null, ip_hash = null, ip_network_hash = null, show_name = false,
            wants_updates = false, anonymised_at = now()
        from batch where s.id = batch.id and ${stillDue}
        returning s.id
      ),
      tokens as (delete from signature_tokens t using upd where t.signature_id = upd.id)
      select count(*)::int as n from upd`);
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Removes the personal data of signers of petitions closed longer ago than the retention period
 * (`ANONYMISE_AFTER_DAYS`). Idempotent; returns how many signatures it anonymised.
 */
export async function anonymiseClosedPetitions(now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, retentionPeriods().anonymiseAfterDays);
  return anonymiseSignatures(
    (batch) => sql`
      select s.id from signatures s join petitions p on p.id = s.petition_id
      where p.status = 'closed' and p.closed_at < ${cutoff}::timestamptz
        and s.anonymised_at is null
      limit ${batch}`,
    sql`true`,
    'anonymised',
  );
}

/**
 * Removes the personal data of signatures withdrawn longer ago than `WITHDRAWN_DATA_HOURS`: the
 * withdrawal stays (it is why the signature no longer counts), and the address is free to sign
 * again as a new signature. A signature signed again meanwhile is no longer withdrawn and keeps
 * its data. Idempotent; returns how many it cleared.
 */
export async function purgeWithdrawnSignatures(now = new Date()): Promise<number> {
  const hours = retentionPeriods().withdrawnDataHours;
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(hours => ${hours})`;
  return anonymiseSignatures(
    // Found through signatures_withdrawn_purge_idx, which holds only withdrawn rows still to clear.
    (batch) => sql`
      select id from signatures
      where status = 'withdrawn' and anonymised_at is null and withdrawn_at < ${cutoff}
      limit ${batch}`,
    // Checked again on the row as written: a signer who signed again meanwhile keeps their signature.
    sql`s.status = 'withdrawn' and s.withdrawn_at < ${cutoff}`,
    'withdrawn',
  );
}

/**
 * Deletes what signing in and co-organising leave behind once it is of no use: sign-in link
 * requests, sign-in links used or expired, and invitations accepted, withdrawn or expired, all
 * after `ACCOUNT_RECORD_DAYS`; sessions as soon as they expire. Returns how many rows it deleted.
 */
export async function deleteSpentAccountRecords(now = new Date()): Promise<number> {
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(days => ${retentionPeriods().accountRecordDays})`;
  const rows = await getDb().execute<{ n: number }>(sql`
    with requests as (delete from login_link_requests where requested_at < ${cutoff} returning 1),
    links as (delete from login_tokens where expires_at < ${cutoff} or used_at < ${cutoff} returning 1),
    invites as (
      delete from organiser_invites
      where expires_at < ${cutoff} or accepted_at < ${cutoff} or revoked_at < ${cutoff}
      returning 1
    ),
    sessions as (delete from sessions where expires_at < ${now.toISOString()}::timestamptz returning 1)
    select ((select count(*) from requests) + (select count(*) from links) + (select count(*) from invites) + (select count(*) from sessions))::int as n`);
  return rows[0]?.n ?? 0;
}

/**
 * Clears reporters' email addresses once their report has been dealt with (dismissed, or the
 * petition hidden), and after `REPORTER_EMAIL_DAYS` at the latest. Returns how many it cleared.
 */
export async function clearReporterEmails(now = new Date()): Promise<number> {
  const days = retentionPeriods().reporterEmailDays;
  const rows = await getDb().execute<{ n: number }>(sql`
    with cleared as (
      update petition_reports set email = null
      where email is not null
        and (dismissed_at is not null or created_at < ${now.toISOString()}::timestamptz - make_interval(days => ${days}))
      returning 1
    )
    select count(*)::int as n from cleared`);
  return rows[0]?.n ?? 0;
}

/** Deletes the circuit breaker's past windows, email-budget records past the budget's window and expired emailed tokens: none is of use any more. */
export async function deleteExpiredRecords(): Promise<void> {
  await getDb().execute(sql`delete from petition_sign_windows where window_start < now() - interval '1 day'`);
  await getDb().execute(
    sql`delete from email_budget_events where created_at < now() - coalesce((select make_interval(secs => window_seconds) from abuse_limits where name = 'email_budget'), interval '1 hour')`,
  );
  await getDb().execute(sql`delete from signature_tokens where expires_at < now() - interval '1 day'`);
}

// Advisory-lock key of the retention run: any fixed number.
export const RETENTION_LOCK = 7_411_304;

/**
 * The hourly retention run: every purge above, at most one run at a time across all workers (a
 * run still going when the next is due, or one started by another worker, makes this one a no-op).
 * Returns false when another run held the lock.
 */
export async function applyRetention(now = new Date()): Promise<boolean> {
  // A session lock on a connection of its own, held for the whole run while the batches use the
  // pool; if the process dies, the connection and the lock go with it.
  const connection = await getDb().$client.reserve();
  try {
    const [lock] = await connection<{ acquired: boolean }[]>`select pg_try_advisory_lock(${RETENTION_LOCK}) as acquired`;
    if (!lock?.acquired) return false;
    try {
      await clearExpiredIpHashes(now);
      await anonymiseClosedPetitions(now);
      await purgeWithdrawnSignatures(now);
      await deleteSpentAccountRecords(now);
      await clearReporterEmails(now);
      await deleteExpiredRecords();
    } finally {
      await connection`select pg_advisory_unlock(${RETENTION_LOCK})`;
    }
    return true;
  } finally {
    connection.release();
  }
}
