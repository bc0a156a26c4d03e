import 'server-only';
import { isDatabaseUnavailable } from '@/db/health';
import { moveIntegrationOutbox } from './statements';

const BATCH = 500;
// Deliveries per job: one endpoint's events, sent in order over one job's run.
const PER_JOB = 25;

/** Moves up to `batch` events from the integration outbox to deliveries and queued jobs (moveIntegrationOutbox); how many moved. */
export function relayIntegrationEvents(batch = BATCH): Promise<number> {
  return moveIntegrationOutbox(batch, PER_JOB);
}

/**
 * Keeps relaying while the worker runs: again at once after a full batch, else every `intervalMs`;
 * a database outage pauses it. `stop()` waits for the batch in hand.
 */
export function startIntegrationRelay(intervalMs = 250): { stop(): Promise<void> } {
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)));
  const loop = (async () => {
    while (running) {
      let moved = 0;
      try {
        moved = await relayIntegrationEvents();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) console.error('[relay] integration events:', err);
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
