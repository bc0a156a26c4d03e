import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';
import { getDb } from '@/db/client';
import {
  abuseLimits,
  emailBudgetEvents,
  integrationDeliveries,
  loginLinkRequests,
  loginTokens,
  organiserInvites,
  petitionReports,
  petitionSignWindows,
  petitions,
  sessions,
  signatureTokens,
  signatures,
} from '@/db/schema';
import { columnName } from '@/lib/petitions/fragments';
import { FINISHED_DELIVERY_DAYS } from './periods';

// The retention purges, each one statement whose shape is the point: a batch found through the
// index made for it, then cleared, so a run never holds locks on a surge's rows for long. SQL over
// the schema's tables and columns, so renaming a column fails the type check here too. When each
// runs, and how often, is decided in ./retention.ts.

const s = signatures;

/** How many rows a purge changed. */
type CountRow = { n: number };

/** Advisory-lock key of the retention run: any fixed number. */
export const RETENTION_LOCK = 7_411_304;

/** Takes the retention run's session lock on this connection, without waiting; false when another session holds it. */
export async function tryRetentionLock(connection: postgres.ReservedSql): Promise<boolean> {
  const [lock] = await connection<{ acquired: boolean }[]>`select pg_try_advisory_lock(${RETENTION_LOCK}) as acquired`;
  return lock?.acquired === true;
}

/** Releases the retention run's lock taken on this connection. */
export async function releaseRetentionLock(connection: postgres.ReservedSql): Promise<void> {
  await connection`select pg_advisory_unlock(${RETENTION_LOCK})`;
}

/** Clears the IP hashes of up to `batch` signatures made before `cutoff` (an ISO instant); returns how many. */
export async function clearIpHashesBatch(cutoff: string, batch: number): Promise<number> {
  const [row] = await getDb().execute<CountRow>(sql`
    with batch as (
      select ${s.id} as id from ${s}
      -- The day bound finds them through signatures_ip_retention_idx; the exact bound decides.
      where ${s.ipHash} is not null
        and (${s.createdAt} at time zone 'UTC')::date <= (${cutoff}::timestamptz at time zone 'UTC')::date
        and ${s.createdAt} < ${cutoff}::timestamptz
      limit ${batch}
    ),
    upd as (update ${s} set ${columnName(s.ipHash)} = null, ${columnName(s.ipNetworkHash)} = null from batch where ${s.id} = batch.id returning 1)
    select count(*)::int as n from upd`);
  return row?.n ?? 0;
}

/**
 * Removes the personal data of the signatures `candidates` selects (a query of `id`s), where
 * `stillDue` (a condition over `signatures`) still holds when the row is written: names, emails,
 * postcodes, comments, IP hashes and the signer's links go; status, country, source and dates stay.
 * The canonical email becomes `<label>:<id>`, so the address may sign the petition again, as a new
 * signature. Returns how many it anonymised.
 */
async function anonymiseBatch(candidates: SQL, stillDue: SQL, label: string): Promise<number> {
  const t = signatureTokens;
  const [row] = await getDb().execute<CountRow>(sql`
    with batch as (${candidates}),
    upd as (
      update ${s}
      set ${columnName(s.sealedName)} = null, ${columnName(s.sealedEmail)} = null, ${columnName(s.nameWords)} = null,
          ${columnName(s.canonicalEmail)} = ${label} || ':' || ${s.id}, ${columnName(s.emailHash)} = null,
          ${columnName(s.emailDomain)} = null, ${columnName(s.emailHost)} = null, ${columnName(s.sealedPostcode)} = null, ${columnName(s.sealedComment)} = null,
          ${columnName(s.legacyName)} = null, ${columnName(s.legacyEmail)} = null, ${columnName(s.legacyPostcode)} = null, ${columnName(s.legacyComment)} = null,
          ${columnName(s.ipHash)} = null, ${columnName(s.ipNetworkHash)} = null, ${columnName(s.showName)} = false,
          ${columnName(s.wantsUpdates)} = false, ${columnName(s.answers)} = null, ${columnName(s.consents)} = null, ${columnName(s.anonymisedAt)} = now()
      from batch where ${s.id} = batch.id and ${stillDue}
      returning ${s.id} as id
    ),
    tokens as (delete from ${t} using upd where ${t.signatureId} = upd.id)
    select count(*)::int as n from upd`);
  return row?.n ?? 0;
}

/** Anonymises up to `batch` signatures of petitions closed before `cutoff` (an ISO instant); returns how many. */
export async function anonymiseClosedPetitionsBatch(cutoff: string, batch: number): Promise<number> {
  return anonymiseBatch(
    sql`
      select ${s.id} as id from ${s} join ${petitions} on ${petitions.id} = ${s.petitionId}
      where ${petitions.status} = 'closed' and ${petitions.closedAt} < ${cutoff}::timestamptz
        and ${s.anonymisedAt} is null
      limit ${batch}`,
    sql`true`,
    'anonymised',
  );
}

/**
 * Clears the personal data of up to `batch` signatures withdrawn more than `hours` before `now` (an
 * ISO instant) and not signed again since; returns how many.
 */
export async function purgeWithdrawnBatch(now: string, hours: number, batch: number): Promise<number> {
  const cutoff = sql`${now}::timestamptz - make_interval(hours => ${hours})`;
  return anonymiseBatch(
    // Found through signatures_withdrawn_purge_idx, which holds only withdrawn rows still to clear.
    sql`
      select ${s.id} as id from ${s}
      where ${s.status} = 'withdrawn' and ${s.anonymisedAt} is null and ${s.withdrawnAt} < ${cutoff}
      limit ${batch}`,
    // Checked again on the row as written: a signer who signed again meanwhile keeps their signature.
    sql`${s.status} = 'withdrawn' and ${s.withdrawnAt} < ${cutoff}`,
    'withdrawn',
  );
}

/**
 * Clears the personal data of up to `batch` pending signatures of at-risk petitions whose last
 * confirmation link was mailed more than `days` before `now` (an ISO instant), so expired: an at-risk
 * petition keeps no one's address longer than the link could be used. The address may sign again, as a
 * new signature (this one never counted). Returns how many it cleared.
 */
export async function purgeExpiredAtRiskPendingBatch(now: string, days: number, batch: number): Promise<number> {
  const cutoff = sql`${now}::timestamptz - make_interval(days => ${days})`;
  return anonymiseBatch(
    // The few at-risk petitions, then their pending signatures through signatures_petition_status_created_idx.
    sql`
      select ${s.id} as id from ${petitions} join ${s} on ${s.petitionId} = ${petitions.id}
      where ${petitions.atRiskAt} is not null and ${s.status} = 'pending' and ${s.anonymisedAt} is null and ${s.lastEmailedAt} < ${cutoff}
      limit ${batch}`,
    // Checked again on the row as written: a link mailed meanwhile (a resend) keeps it.
    sql`${s.status} = 'pending' and ${s.lastEmailedAt} < ${cutoff}`,
    'expired',
  );
}

/**
 * Deletes sign-in link requests, sign-in links used or expired and invitations accepted, withdrawn
 * or expired more than `days` before `now` (an ISO instant), and sessions expired by `now`, in one
 * statement; returns how many rows.
 */
export async function deleteSpentAccountRecordsBefore(now: string, days: number): Promise<number> {
  const cutoff = sql`${now}::timestamptz - make_interval(days => ${days})`;
  const l = loginTokens;
  const i = organiserInvites;
  const [row] = await getDb().execute<CountRow>(sql`
    with requests as (delete from ${loginLinkRequests} where ${loginLinkRequests.requestedAt} < ${cutoff} returning 1),
    links as (delete from ${l} where ${l.expiresAt} < ${cutoff} or ${l.usedAt} < ${cutoff} returning 1),
    invites as (
      delete from ${i}
      where ${i.expiresAt} < ${cutoff} or ${i.acceptedAt} < ${cutoff} or ${i.revokedAt} < ${cutoff}
      returning 1
    ),
    expired_sessions as (delete from ${sessions} where ${sessions.expiresAt} < ${now}::timestamptz returning 1)
    select ((select count(*) from requests) + (select count(*) from links) + (select count(*) from invites)
            + (select count(*) from expired_sessions))::int as n`);
  return row?.n ?? 0;
}

/** Clears reporters' emails of reports dismissed, or filed more than `days` before `now` (an ISO instant); returns how many. */
export async function clearReporterEmailsBefore(now: string, days: number): Promise<number> {
  const r = petitionReports;
  const [row] = await getDb().execute<CountRow>(sql`
    with cleared as (
      update ${r} set ${columnName(r.email)} = null
      where ${r.email} is not null
        and (${r.dismissedAt} is not null or ${r.createdAt} < ${now}::timestamptz - make_interval(days => ${days}))
      returning 1
    )
    select count(*)::int as n from cleared`);
  return row?.n ?? 0;
}

/**
 * Deletes the circuit breaker's windows older than a day, email-budget records past the budget's
 * window, emailed tokens expired a day ago, and finished integration deliveries older than
 * {@link FINISHED_DELIVERY_DAYS} that hold no receiver's link.
 */
export async function deleteExpiredRecordRows(): Promise<void> {
  const db = getDb();
  const w = petitionSignWindows;
  const e = emailBudgetEvents;
  const a = abuseLimits;
  const t = signatureTokens;
  await db.execute(sql`delete from ${w} where ${w.windowStart} < now() - interval '1 day'`);
  await db.execute(sql`
    delete from ${e}
    where ${e.createdAt} < now() - coalesce((select make_interval(secs => ${a.windowSeconds}) from ${a} where ${a.name} = 'email_budget'), interval '1 hour')`);
  await db.execute(sql`delete from ${t} where ${t.expiresAt} < now() - interval '1 day'`);
  const d = integrationDeliveries;
  await db.execute(sql`
    delete from ${d}
    where ${d.status} <> 'pending' and ${d.remoteRef} is null
      and coalesce(${d.deliveredAt}, ${d.lastAttemptAt}, ${d.occurredAt}) < now() - make_interval(days => ${FINISHED_DELIVERY_DAYS})`);
}
