import 'server-only';
import { queueEventsFrom } from '@/lib/integrations/events';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionMilestones, petitions, signatures } from '@/db/schema';
import { jobNames } from '@/lib/jobs/jobs';
import { addToSignatureCounts, columnList, signatureCountOf } from './fragments';

// The petition statements whose shape is the point, each one statement (or one short transaction)
// written in SQL over the schema's tables and columns, so a rename fails the type check here too.
// Ordinary reads and writes of petitions use the query builder in the files beside this one.

// Advisory-lock namespace of the recount (the second key is the petition's): any fixed number.
const RECOUNT_LOCK = 7_411_303;

/** What a recount found: the stored count and the confirmed signatures it should equal. */
export type RecountRow = { stored: number; actual: number };

/**
 * Compares the petition's stored count with its confirmed signatures and adds the difference to the
 * count, exactly once however many recounts of the petition run at once: each takes the petition's
 * advisory lock first, and reads after it (a statement of its own, so its snapshot includes a
 * correction the previous holder just committed). Safe while confirmations continue: both sides are
 * read in one snapshot, and the fix is an increment, so confirmations committed meanwhile are not
 * overwritten. Returns what it read before repairing.
 */
export async function recountAndRepair(petitionId: string): Promise<RecountRow> {
  const rows = await getDb().transaction(
    async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RECOUNT_LOCK}, hashtext(${petitionId}))`);
      return tx.execute<RecountRow & { fixed: number }>(sql`
        with actual as (
          select count(*)::bigint as n from ${signatures} where ${signatures.petitionId} = ${petitionId} and ${signatures.status} = 'confirmed'
        ),
        stored as (select ${signatureCountOf(petitionId)}::bigint as n),
        -- The repair goes to shard 0, as it always has: any shard would do, the sum is the count.
        fix as (
          ${addToSignatureCounts(
            sql`
            select ${petitionId}::uuid, (select n from actual) - (select n from stored)
            where (select n from actual) <> (select n from stored)`,
            0,
          )}
          returning 1
        )
        select (select n from stored)::int as stored, (select n from actual)::int as actual, (select count(*) from fix)::int as fixed`);
    },
    // Read committed, whatever the server's default: the statement after the lock must see the last correction.
    { isolationLevel: 'read committed' },
  );
  const { stored, actual } = rows[0]!;
  return { stored, actual };
}

/**
 * Records the milestones (of `milestones`, and each petition's goal under its own number) newly
 * reached by open petitions and queues one email for each to the organisers, in one statement. The
 * primary key on (petition, milestone) makes each go out once, however many workers run this at the
 * same time. Returns how many it recorded.
 */
export async function recordReachedMilestones(milestones: readonly number[]): Promise<number> {
  const values = sql.join(
    milestones.map((m) => sql`(${m}::int)`),
    sql`, `,
  );
  const rows = await getDb().execute(sql`
    with counts as (
      select ${petitions.id} as id, ${petitions.goal} as goal, ${signatureCountOf(petitions.id)} as n
      from ${petitions} where ${petitions.status} = 'open'
    ),
    reached as (
      select id, m.milestone from counts cross join (values ${values}) as m(milestone) where n >= m.milestone
      union
      select id, goal from counts where n >= goal
    ),
    fresh (petition_id, milestone) as (
      insert into ${petitionMilestones} ${columnList(petitionMilestones.petitionId, petitionMilestones.milestone)}
      select id, milestone from reached
      on conflict do nothing
      returning ${petitionMilestones.petitionId}, ${petitionMilestones.milestone}
    ),
    hooked as (${queueEventsFrom(sql`select petition_id, null::bigint, jsonb_build_object('milestone', milestone) from fresh`, 'petition.milestone')})
    select graphile_worker.add_job(${jobNames.milestoneEmail},
      json_build_object('petitionId', petition_id, 'milestone', milestone),
      job_key := 'milestone:' || petition_id || ':' || milestone, max_attempts := 8)
    from fresh`);
  return rows.length;
}
