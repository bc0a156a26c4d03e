import { Logger } from 'graphile-worker';

// The job queue (graphile-worker) lives in the database: its schema is migrated with the app's
// (db/migrate.ts) and its worker runs the app's jobs (lib/jobs/worker.ts); both log through this.

/** The queue's logger: warnings and errors only, so a healthy worker stays quiet. */
export const queueLogger = new Logger(() => (level, message) => {
  // The level's name (graphile's LogLevel is a const enum of these strings, not importable here).
  const name = String(level);
  if (name === 'error' || name === 'warning') console.warn(`[queue] ${name}: ${message}`);
});
