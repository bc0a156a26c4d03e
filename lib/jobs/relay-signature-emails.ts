import 'server-only';
import { startRelayLoop, type RunningRelay } from './relay-loop';
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

/** Keeps relaying while the worker runs (startRelayLoop: at once after a full batch, else every `intervalMs`; paused by a database outage). */
export function startSignatureEmailRelay(intervalMs = 200): RunningRelay {
  return startRelayLoop('signature emails', () => relaySignatureEmails(), BATCH, intervalMs);
}
