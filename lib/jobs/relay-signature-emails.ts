import 'server-only';
import { isDatabaseUnavailable } from '@/db/health';
import { moveOutboxToQueue } from './statements';

const BATCH = 500;
// Signatures per job: the queue's cost (fetch, completion) is paid once for them, and a job's
// emails go out together over the pooled SMTP connections.
const PER_JOB = 25;

/**
 * Moves up to `batch` signatures from the email outbox into the job queue, `PER_JOB` to a job, in
 * one statement (the claim and the jobs commit together, so a crash loses or doubles nothing). Safe
 * on several workers at once: rows are claimed with SKIP LOCKED, so each is queued once.
 * Returns how many signatures were moved.
 */
export function relaySignatureEmails(batch = BATCH): Promise<number> {
  return moveOutboxToQueue(batch, PER_JOB);
}

/**
 * Keeps relaying while the worker runs: again at once after a full batch (a surge drains at the
 * queue's pace, not the timer's), else every `intervalMs`. A database outage pauses it; it carries
 * on when the database is back. `stop()` waits for the batch in hand.
 */
export function startSignatureEmailRelay(intervalMs = 200): { stop(): Promise<void> } {
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)));
  const loop = (async () => {
    while (running) {
      let moved = 0;
      try {
        moved = await relaySignatureEmails();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) console.error('[relay] signature emails:', err);
        await pause(1000);
        continue;
      }
      if (moved < BATCH) await pause(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
