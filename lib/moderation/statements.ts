import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionReports, petitions, signatures } from '@/db/schema';
import { addToSignatureCounts, columnList, columnName } from '@/lib/petitions/fragments';

// The moderation statements whose shape is the point: invalidating, restoring and releasing
// signatures by rule, each one statement that checks, changes and recounts together; a report filed
// under its reporter's hourly cap; a report resolved by hiding its petition. SQL over the schema's
// tables and columns, so renaming a column fails the type check here too. Ordinary reads and writes
// use the query builder in the files beside this one.

const s = signatures;

/** Signatures that count or may come to: what invalidating acts on. */
const LIVE = sql.raw(`('pending', 'confirmed', 'held')`);

/** SQL (bigint): the petition's live signatures, what a rule matching "everything" would match. */
const liveCount = (petitionId: string) => sql`(select count(*) from ${s} where ${s.petitionId} = ${petitionId} and ${s.status} in ${LIVE})`;

/** SQL condition: an invalidated signature this person may restore; organisers may not undo what a platform admin invalidated. */
const restorableBy = (admin: boolean) => (admin ? sql`${s.status} = 'invalidated'` : sql`${s.status} = 'invalidated' and not ${s.invalidatedByAdmin}`);

/** What a rule matches: live signatures, of them the counted and the held, the restorable invalidated ones, and the petition's live total. */
export type RuleMatchRow = { matching: number; counted: number; held: number; restorable: number; live: number };

/**
 * Counts what the rule (`where`, a condition over `signatures` that names the petition) matches,
 * in one pass over the rule's rows; changes nothing.
 */
export async function countRuleMatches(petitionId: string, where: SQL, admin: boolean): Promise<RuleMatchRow> {
  const [row] = await getDb().execute<RuleMatchRow>(sql`
    select count(*) filter (where ${s.status} in ${LIVE})::int as matching, count(*) filter (where ${s.status} = 'confirmed')::int as counted,
           count(*) filter (where ${s.status} = 'held')::int as held, count(*) filter (where ${restorableBy(admin)})::int as restorable,
           ${liveCount(petitionId)}::int as live
    from ${s} where ${where} and ${s.status} in ('pending', 'confirmed', 'held', 'invalidated')`);
  return row!;
}

/** What invalidating found and did: refused (not allowed) when it matched every live signature. */
export type InvalidationRow = { allowed: boolean; matching: number; changed: number; uncounted: number };

/**
 * Invalidates the live signatures the rule matches and takes the confirmed ones off the count, in
 * one statement, unless they are every live signature of the petition: the check and the change
 * see the same rows. Each keeps the status it had (invalidated_from) and who invalidated it.
 */
export async function invalidateMatching(petitionId: string, where: SQL, admin: boolean): Promise<InvalidationRow> {
  const [row] = await getDb().execute<InvalidationRow>(sql`
    with target as (
      select ${s.id} as id, ${s.status} as status from ${s}
      where ${where} and ${s.status} in ${LIVE}
      for update
    ),
    allowed as (select (select count(*) from target) = 0 or (select count(*) from target) < ${liveCount(petitionId)} as ok),
    upd as (
      update ${s} set ${columnName(s.status)} = 'invalidated', ${columnName(s.invalidatedAt)} = now(), ${columnName(s.invalidatedFrom)} = target.status,
             ${columnName(s.invalidatedByAdmin)} = ${admin}
      from target where ${s.id} = target.id and (select ok from allowed)
      returning target.status as was
    ),
    counted as (
      ${addToSignatureCounts(sql`select ${petitionId}::uuid, -count(*) from upd where was = 'confirmed' having count(*) > 0`)}
    )
    select (select ok from allowed) as allowed, (select count(*) from target)::int as matching,
           count(*)::int as changed, count(*) filter (where was = 'confirmed')::int as uncounted from upd`);
  return row!;
}

/** What restoring did: signatures restored, and of them those counted again. */
export type RestorationRow = { changed: number; counted: number };

/**
 * Restores the invalidated signatures the rule matches that this person may restore to the status
 * they had, counting the confirmed ones again, in one statement (a restored signature is no longer
 * invalidated, so it is counted once).
 */
export async function restoreMatching(petitionId: string, where: SQL, admin: boolean): Promise<RestorationRow> {
  const [row] = await getDb().execute<RestorationRow>(sql`
    with target as (
      select ${s.id} as id, ${s.invalidatedFrom} as invalidated_from from ${s}
      where ${where} and ${restorableBy(admin)}
      for update
    ),
    upd as (
      update ${s} set ${columnName(s.status)} = coalesce(target.invalidated_from, 'pending'), ${columnName(s.invalidatedFrom)} = null,
             ${columnName(s.invalidatedAt)} = null, ${columnName(s.invalidatedByAdmin)} = false, ${columnName(s.restoredAt)} = now()
      from target where ${s.id} = target.id
      returning ${s.status} as restored
    ),
    counted as (
      ${addToSignatureCounts(sql`select ${petitionId}::uuid, count(*) from upd where restored = 'confirmed' having count(*) > 0`)}
    )
    select count(*)::int as changed, count(*) filter (where restored = 'confirmed')::int as counted from upd`);
  return row!;
}

/** Counts the held signatures the rule matches (they become confirmed), in one statement; returns how many. */
export async function releaseHeldMatching(petitionId: string, where: SQL): Promise<number> {
  const [row] = await getDb().execute<{ changed: number }>(sql`
    with upd as (
      update ${s} set ${columnName(s.status)} = 'confirmed'
      where ${where} and ${s.status} = 'held'
      returning 1
    ),
    counted as (
      ${addToSignatureCounts(sql`select ${petitionId}::uuid, count(*) from upd having count(*) > 0`)}
    )
    select count(*)::int as changed from upd`);
  return row!.changed;
}

/** A report as filed. */
export type NewReport = { petitionId: string; reason: string; details: string | null; email: string | null; reporterHash: Buffer | null };

/**
 * Files the report unless its reporter (when known) filed `maxPerHour` in the last hour. One
 * reporter at a time: without the lock, concurrent requests all count the same earlier reports and
 * pass the cap together; it is held until the insert commits.
 */
export async function fileReportUnderCap(report: NewReport, maxPerHour: number): Promise<void> {
  const r = petitionReports;
  const reporter = report.reporterHash;
  await getDb().transaction(async (tx) => {
    if (reporter) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report:${reporter.toString('hex')}`}))`);
    await tx.execute(sql`
      insert into ${r} ${columnList(r.petitionId, r.reason, r.details, r.email, r.reporterHash)}
      select ${report.petitionId}::uuid, ${report.reason}, ${report.details}, ${report.email}, ${reporter}::bytea
      where ${reporter}::bytea is null
         or (select count(*) from ${r} where ${r.reporterHash} = ${reporter} and ${r.createdAt} > now() - interval '1 hour') < ${maxPerHour}`);
  });
}

/**
 * Hides the reported petition (keeping an earlier hiding's time) and closes every open report on
 * it as resolved by `adminId`, in one statement. False when the report does not exist or nothing was open.
 */
export async function hidePetitionOfReport(reportId: number, adminId: string): Promise<boolean> {
  const r = petitionReports;
  const p = petitions;
  const rows = await getDb().execute(sql`
    with report as (select ${r.petitionId} as petition_id from ${r} where ${r.id} = ${reportId}),
    hidden as (
      update ${p} set ${columnName(p.hiddenAt)} = coalesce(${p.hiddenAt}, now())
      where ${p.id} = (select petition_id from report) returning ${p.id} as id
    )
    update ${r} set ${columnName(r.dismissedAt)} = now(), ${columnName(r.resolvedBy)} = ${adminId}
    where ${r.petitionId} = (select id from hidden) and ${r.dismissedAt} is null
    returning 1`);
  return rows.length > 0;
}
