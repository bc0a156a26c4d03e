import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Liveness of the queue's workers: each running worker writes its graphile-worker pool id (the id
 * its job and named-queue locks carry) here every few seconds. The stale-lock sweep releases only
 * the locks of ids that stopped beating, never those of a live worker running a long job.
 */
export const queueWorkerHeartbeats = pgTable('queue_worker_heartbeats', {
  workerId: text().primaryKey(),
  beatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
