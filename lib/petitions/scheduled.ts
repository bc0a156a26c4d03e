import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { jobNames } from '@/lib/jobs/jobs';

/** Counts that earn the organisers an email, besides the goal itself. */
export const MILESTONES = [1, 100, 1_000, 10_000, 100_000, 1_000_000] as const;

/**
 * Closes open petitions whose closing instant (the end of their closing day, UTC) has passed by
 * `now`; run every minute by the worker. Returns how many it closed.
 */
export async function closeDuePetitions(now = new Date()): Promise<number> {
  const rows = await getDb().execute(sql`
    update petitions set status = 'closed', closed_at = closes_at, updated_at = now()
    where status = 'open' and closes_at is not null and closes_at <= ${now.toISOString()}::timestamptz
    returning id`);
  return rows.length;
}

/**
 * Records milestones newly reached by open petitions and queues one email for each to the
 * organisers. The primary key on (petition, milestone) makes each go out once, however many
 * workers run this at the same time. The goal is recorded under its own number.
 */
export async function recordMilestones(): Promise<number> {
  const milestones = sql.join(MILESTONES.map((m) => sql`(${m}::int)`), sql`, `);
  const rows = await getDb().execute(sql`
    with counts as (
      select p.id, p.goal, coalesce(sum(c.confirmed), 0) as n
      from petitions p left join petition_counters c on c.petition_id = p.id
      where p.status = 'open'
      group by p.id
    ),
    reached as (
      select id, m.milestone from counts cross join (values ${milestones}) as m(milestone) where n >= m.milestone
      union
      select id, goal from counts where n >= goal
    ),
    fresh as (
      insert into petition_milestones (petition_id, milestone)
      select id, milestone from reached
      on conflict do nothing
      returning petition_id, milestone
    )
    select graphile_worker.add_job(${jobNames.milestoneEmail},
      json_build_object('petitionId', petition_id, 'milestone', milestone),
      job_key := 'milestone:' || petition_id || ':' || milestone, max_attempts := 8)
    from fresh`);
  return rows.length;
}
