import 'server-only';
import { isDatabaseUnavailable } from '@/db/health';

/** A relay running in the worker; `stop()` resolves once the batch in hand is done. */
export type RunningRelay = { stop(): Promise<void> };

/**
 * Runs `relayBatch` (which moves up to `batch` rows from an outbox into the queue and returns how
 * many it moved) while the worker runs: again at once after a full batch, so a surge drains at the
 * queue's pace rather than the timer's, else every `intervalMs`. A database outage pauses it for a
 * second at a time and it carries on when the database is back; other errors are logged under `name`.
 */
export function startRelayLoop(name: string, relayBatch: () => Promise<number>, batch: number, intervalMs: number): RunningRelay {
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)));
  const loop = (async () => {
    while (running) {
      let moved = 0;
      try {
        moved = await relayBatch();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) console.error(`[relay] ${name}:`, err);
        await pause(1000);
        continue;
      }
      if (moved < batch) await pause(intervalMs);
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
