import type postgres from 'postgres';
import { jobNames } from '../../lib/jobs/jobs';

// What tests and benchmarks read of the job queue. Everything but the payloads goes through
// graphile-worker's public surface: the `graphile_worker.jobs` view and its SQL functions.
//
// The payloads are the one exception, read here and nowhere else: the public view leaves the payload
// out, and the library has no call that lists queued jobs with it (WorkerUtils adds, completes,
// reschedules and unlocks jobs, by id). The tests that need them check what the outbox relay put in
// each job, which only the payload says. tests/integration/queue-payloads-have-no-public-view.test.ts
// pins that reason: it fails once the public view carries the payload, and then this helper should
// read the view.

/** A queued batch job of signature emails: its entries, and whether a worker holds it. */
export type QueuedSignatureBatch = { id: string; signatureIds: number[]; locked: boolean };

/** The queued batch jobs of signature emails (the relay's), in the order they were queued. */
export async function queuedSignatureBatches(sql: postgres.Sql): Promise<QueuedSignatureBatch[]> {
  const rows = await sql<{ id: string; payload: unknown; locked: boolean }[]>`
    select j.id::text as id, p.payload, j.locked_at is not null as locked
    from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
    where j.task_identifier = ${jobNames.signatureEmail} and json_typeof(p.payload) = 'array'
    order by j.id`;
  return rows.map((r) => ({ id: r.id, locked: r.locked, signatureIds: (r.payload as { signatureId: number }[]).map((e) => Number(e.signatureId)) }));
}

/** Removes every job that no worker holds, through the queue's public `complete_jobs`. */
export async function clearQueue(sql: postgres.Sql): Promise<void> {
  await sql`select graphile_worker.complete_jobs(array(select id from graphile_worker.jobs where locked_at is null))`;
}
