import { Logger } from 'graphile-worker';

// The job queue (graphile-worker) lives in the database: its schema is migrated with the app's
// (db/migrate.ts) and its worker runs the app's jobs (lib/jobs/worker.ts); both log through this.

/** The queue's logger: warnings and errors only, so a healthy worker stays quiet. */
export const queueLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.warn(`[queue] ${level}: ${message}`);
});
