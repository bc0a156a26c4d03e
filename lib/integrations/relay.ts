import 'server-only';
import { startRelayLoop, type RunningRelay } from '@/lib/jobs/relay-loop';
import { moveIntegrationOutbox } from './statements';

const BATCH = 500;
// Deliveries per job: one endpoint's events, sent in order over one job's run.
const PER_JOB = 25;

/** Moves up to `batch` events from the integration outbox to deliveries and queued jobs (moveIntegrationOutbox); how many moved. */
export function relayIntegrationEvents(batch = BATCH): Promise<number> {
  return moveIntegrationOutbox(batch, PER_JOB);
}

/** Keeps relaying while the worker runs (startRelayLoop: at once after a full batch, else every `intervalMs`; paused by a database outage). */
export function startIntegrationRelay(intervalMs = 250): RunningRelay {
  return startRelayLoop('integration events', () => relayIntegrationEvents(), BATCH, intervalMs);
}
