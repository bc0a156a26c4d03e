import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { queueWorkerHeartbeats, signatureEmailOutbox } from '@/db/schema';
import { signatureEmailBatchJobSpec } from './jobs';

// The queue statements whose shape is the point, each one statement written in SQL over the schema's
// tables and columns (and graphile-worker's public SQL API: add_jobs, the jobs view,
// force_unlock_workers), so a rename fails the type check here too. The ordinary reads and writes of
// the queue's own tables use the query builder in the files beside this one.

/**
 * Moves up to `batch` signatures from the email outbox into the job queue, `perJob` to a job, in one
 * statement: the claim and the jobs commit together, so a crash loses or doubles nothing. Rows are
 * claimed with SKIP LOCKED, so relays on several workers at once queue each signature once.
 * Returns how many signatures were moved.
 */
export async function moveOutboxToQueue(batch: number, perJob: number): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`
    with claimed as (
      delete from ${signatureEmailOutbox}
      where ${signatureEmailOutbox.signatureId} in (
        select ${signatureEmailOutbox.signatureId} from ${signatureEmailOutbox}
        order by ${signatureEmailOutbox.signatureId} limit ${batch} for update skip locked
      )
      returning ${signatureEmailOutbox.signatureId} as signature_id
    ),
    jobs as (
      select ${signatureEmailBatchJobSpec(sql`signature_id`)} as spec, min(signature_id) as first
      from (select signature_id, (row_number() over (order by signature_id) - 1) / ${perJob} as chunk from claimed) c
      group by chunk
    ),
    queued as (select graphile_worker.add_jobs(array_agg(spec order by first)) from jobs having count(*) > 0)
    -- Selecting from queued is what runs add_jobs; the answer is the number of signatures moved.
    select (select count(*) from claimed)::int as n from (select count(*) from queued) q`);
  return rows[0]?.n ?? 0;
}

/**
 * Releases the jobs (and named queues) locked by workers with no heartbeat for `goneAfterSeconds`
 * whose lock is also older than that, in one statement. Reads the public `graphile_worker.jobs` view
 * only: a named queue is locked by the same worker id, in the same statement, as the job it is
 * running, and `force_unlock_workers` releases both.
 */
export async function forceUnlockSilentWorkers(goneAfterSeconds: number): Promise<void> {
  const gone = sql`make_interval(secs => ${goneAfterSeconds}::int)`;
  await getDb().execute(sql`
    select graphile_worker.force_unlock_workers(array(
      select distinct j.locked_by from graphile_worker.jobs j
      where j.locked_by is not null and j.locked_at < now() - ${gone}
        and not exists (
          select 1 from ${queueWorkerHeartbeats}
          where ${queueWorkerHeartbeats.workerId} = j.locked_by and ${queueWorkerHeartbeats.beatAt} > now() - ${gone}
        )
    ))`);
}
