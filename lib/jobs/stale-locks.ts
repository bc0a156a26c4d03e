import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isDatabaseUnavailable } from '@/db/health';

/** How often a running worker records that it is alive. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A worker silent for this long is gone (six missed heartbeats): its locks are released. */
export const WORKER_GONE_AFTER_SECONDS = 60;

/**
 * Records, every `intervalMs`, that the worker whose graphile-worker ids `ids()` returns is alive;
 * `stop()` ends the beats and deletes its rows (a worker stopped cleanly holds no lock).
 */
export function startHeartbeat(ids: () => string[], intervalMs = HEARTBEAT_INTERVAL_MS): { beat(): Promise<void>; stop(): Promise<void> } {
  const beat = async () => {
    const current = ids();
    if (current.length === 0) return;
    await getDb().execute(sql`
      insert into queue_worker_heartbeats (worker_id, beat_at)
      select unnest(${`{${current.join(',')}}`}::text[]), now()
      on conflict (worker_id) do update set beat_at = excluded.beat_at`);
  };
  const timer = setInterval(() => {
    beat().catch((err) => {
      if (!isDatabaseUnavailable(err)) console.error('[queue] heartbeat:', err);
    });
  }, intervalMs);
  timer.unref();
  return {
    beat,
    async stop() {
      clearInterval(timer);
      const current = ids();
      if (current.length === 0) return;
      await getDb()
        .execute(sql`delete from queue_worker_heartbeats where worker_id = any(${`{${current.join(',')}}`}::text[])`)
        .catch(() => {});
    },
  };
}

/**
 * Releases the jobs (and named queues) still locked by workers that are gone (SIGKILL, out of
 * memory, a lost machine), so a half-finished send resumes within minutes instead of after the
 * queue's four-hour lock expiry. Gone means: no heartbeat for `goneAfterSeconds`, and the lock
 * itself older than that (a worker's first lock can precede its first heartbeat by a moment). A live
 * worker's locks are never released, however long its job runs, so no job runs twice.
 *
 * Reads the public `graphile_worker.jobs` view only: a named queue is locked by the same worker id,
 * in the same statement, as the job it is running, and `force_unlock_workers` releases both.
 */
export async function releaseStaleLocks(goneAfterSeconds = WORKER_GONE_AFTER_SECONDS): Promise<void> {
  const gone = `${goneAfterSeconds} seconds`;
  await getDb().execute(sql`
    select graphile_worker.force_unlock_workers(array(
      select distinct j.locked_by from graphile_worker.jobs j
      where j.locked_by is not null and j.locked_at < now() - ${gone}::interval
        and not exists (
          select 1 from queue_worker_heartbeats h where h.worker_id = j.locked_by and h.beat_at > now() - ${gone}::interval
        )
    ))`);
  // Ids of workers long gone: nothing refers to them any more.
  await getDb().execute(sql`delete from queue_worker_heartbeats where beat_at < now() - interval '1 day'`);
}
