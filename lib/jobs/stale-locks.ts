import 'server-only';
import { inArray, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isDatabaseUnavailable } from '@/db/health';
import { queueWorkerHeartbeats } from '@/db/schema';
import { forceUnlockSilentWorkers } from './statements';

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
    await getDb()
      .insert(queueWorkerHeartbeats)
      .values(current.map((workerId) => ({ workerId, beatAt: sql`now()` })))
      .onConflictDoUpdate({ target: queueWorkerHeartbeats.workerId, set: { beatAt: sql`excluded.beat_at` } });
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
        .delete(queueWorkerHeartbeats)
        .where(inArray(queueWorkerHeartbeats.workerId, current))
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
 * Reads the public `graphile_worker.jobs` view only (lib/jobs/statements.ts).
 */
export async function releaseStaleLocks(goneAfterSeconds = WORKER_GONE_AFTER_SECONDS): Promise<void> {
  await forceUnlockSilentWorkers(goneAfterSeconds);
  // Ids of workers long gone: nothing refers to them any more.
  await getDb()
    .delete(queueWorkerHeartbeats)
    .where(lt(queueWorkerHeartbeats.beatAt, sql`now() - interval '1 day'`));
}
