import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/**
 * Releases jobs (and named queues) still locked by a worker that died without unlocking them
 * (SIGKILL, out of memory, a lost machine), so a half-finished send resumes within minutes instead
 * of the queue's four-hour lock expiry. Our jobs finish within ~50 s (a batch of signature emails
 * starts no send after 20 s, and a send times out after 30 s), so a lock older than
 * `olderThanSeconds` can only belong to a dead worker.
 */
export async function releaseStaleLocks(olderThanSeconds = 60): Promise<void> {
  const age = `${olderThanSeconds} seconds`;
  await getDb().execute(sql`
    select graphile_worker.force_unlock_workers(array(
      select locked_by from graphile_worker._private_jobs where locked_by is not null and locked_at < now() - ${age}::interval
      union
      select locked_by from graphile_worker._private_job_queues where locked_by is not null and locked_at < now() - ${age}::interval
    ))`);
}
