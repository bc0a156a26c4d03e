import { Logger } from 'graphile-worker';

/** The queue's logger: warnings and errors only, so a healthy worker stays quiet. */
export const queueLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.warn(`[queue] ${level}: ${message}`);
});
