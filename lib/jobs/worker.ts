import 'server-only';
import { EventEmitter } from 'node:events';
import { run, type WorkerEvents, type Runner, type TaskList } from 'graphile-worker';
import { withSessionSettings } from '@/db/connection';
import { queueLogger } from '@/db/queue-logger';
import { getEnv } from '@/lib/env';
import { sendLoginLink, notifyOrganisersOfMilestone, sendOrganiserInvite } from '@/lib/mail/send-organiser-emails';
import { closeMailTransport } from '@/lib/mail/transport';
import { sendSignatureEmail, sendSignatureEmails } from '@/lib/mail/send-signature-email';
import { sendUpdateEmail } from '@/lib/mail/send-update-email';
import { deliverDuePetitions } from '@/lib/deliveries/deliver-due';
import { deliverDueJob, deliveryEmailJob } from '@/lib/deliveries/jobs';
import { sendDeliveryEmail } from '@/lib/deliveries/send-delivery-email';
import { recountActivePetitions } from '@/lib/petitions/counts';
import { closeDuePetitions, recordMilestones } from '@/lib/petitions/scheduled';
import { applyRetention } from '@/lib/privacy/retention';
import { DELIVERY_JOB, ENDPOINT_OFF_EMAIL_JOB } from '@/lib/integrations/jobs';
import { notifyOrganisersOfEndpointOff } from '@/lib/integrations/notify';
import { startIntegrationRelay } from '@/lib/integrations/relay';
import { sendIntegrationDeliveries } from '@/lib/integrations/send';
import { jobNames } from './jobs';
import { startSignatureEmailRelay } from './relay-signature-emails';
import { releaseStaleLocks, startHeartbeat } from './stale-locks';

const taskList: TaskList = {
  // A batch from the outbox relay (an array: one outcome per entry, so only failed ones are retried)
  // or one signature (a resend).
  [jobNames.signatureEmail]: async (payload) => {
    const idOf = (entry: unknown) => Number((entry as { signatureId: number }).signatureId);
    if (Array.isArray(payload)) return sendSignatureEmails(payload.map(idOf));
    await sendSignatureEmail(idOf(payload));
  },
  [jobNames.loginLink]: async (payload) => {
    await sendLoginLink(payload as { email: string; locale: string; next: string });
  },
  [jobNames.organiserInvite]: async (payload) => {
    await sendOrganiserInvite(payload as { inviteId: string; locale: string });
  },
  [jobNames.milestoneEmail]: async (payload) => {
    await notifyOrganisersOfMilestone(payload as { petitionId: string; milestone: number });
  },
  [jobNames.updateEmail]: async (payload) => {
    await sendUpdateEmail(Number((payload as { deliveryId: number }).deliveryId));
  },
  [jobNames.closeDuePetitions]: async () => {
    await closeDuePetitions();
  },
  [jobNames.recordMilestones]: async () => {
    await recordMilestones();
  },
  [jobNames.releaseStaleLocks]: async () => {
    await releaseStaleLocks();
  },
  [jobNames.recountCounts]: async () => {
    await recountActivePetitions();
  },
  [jobNames.applyRetention]: async () => {
    await applyRetention();
  },
  // Deliveries to a petition's targets (lib/deliveries).
  [deliveryEmailJob]: async (payload) => {
    await sendDeliveryEmail(Number((payload as { recipientId: number }).recipientId));
  },
  [deliverDueJob]: async () => {
    await deliverDuePetitions();
  },
  // Webhooks and Action Network (lib/integrations): a batch of one endpoint's deliveries, in order.
  [DELIVERY_JOB]: async (payload, helpers) => {
    const ids = (payload as { deliveryId: number }[]).map((e) => Number(e.deliveryId));
    return sendIntegrationDeliveries(ids, helpers.job.attempts >= helpers.job.max_attempts);
  },
  [ENDPOINT_OFF_EMAIL_JOB]: async (payload) => {
    await notifyOrganisersOfEndpointOff(payload as { endpointId: string });
  },
};

// graphile-worker runs each cron item once per minute across all workers.
const crontab = [
  ...[jobNames.closeDuePetitions, jobNames.recordMilestones, jobNames.releaseStaleLocks, deliverDueJob].map((job) => `* * * * * ${job}`),
  // The count is kept exact by each confirmation; the recount catches drift (a restore, a manual edit).
  `*/15 * * * * ${jobNames.recountCounts}`,
  `17 * * * * ${jobNames.applyRetention}`,
].join('\n');

/**
 * Starts the queue worker; it drains jobs until stopped and finishes running jobs on stop. It beats
 * a heartbeat under its pool's id while it runs, so its locks are never taken for a dead worker's.
 * `tasks` adds task handlers (tests); `heartbeatMs` spaces the beats.
 */
export async function startWorker(
  opts: { concurrency?: number; pollInterval?: number; cron?: boolean; tasks?: TaskList; heartbeatMs?: number } = {},
): Promise<{ stop(): Promise<void> }> {
  await releaseStaleLocks();
  const concurrency = opts.concurrency ?? getEnv().workerConcurrency;
  // The pool's id is what its job and named-queue locks carry (`locked_by`); it is known when the
  // pool is created, inside run(), before any job is fetched.
  const ids = new Set<string>();
  const events = new EventEmitter() as WorkerEvents;
  events.on('pool:create', ({ workerPool }) => ids.add(workerPool.id));
  const heartbeat = startHeartbeat(() => [...ids], opts.heartbeatMs);
  const runner: Runner = await run({
    // Its own pool (node-postgres): UTC sessions like the app's, for the jobs' queries and the queue's.
    // A direct session (DATABASE_DIRECT_URL), never a transaction pooler: the queue LISTENs for new jobs.
    connectionString: withSessionSettings(getEnv().databaseDirectUrl),
    // Jobs mostly wait on SMTP and the database: 16 at once (the default) keep the 5 pooled SMTP connections busy.
    concurrency,
    // A connection for each job at once, plus the listener and the batched completions.
    maxPoolSize: concurrency + 2,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    taskList: { ...taskList, ...opts.tasks },
    events,
    crontab: opts.cron === false ? '' : crontab,
    logger: queueLogger,
    // In a surge thousands of emails finish close together: complete those finished in the same
    // moment with one statement. (graphile-worker's batched fetching, localQueue, was tried and left
    // out: stopping a worker while it fetched failed its deactivation and forced the shutdown, in tests.)
    preset: { worker: { completeJobBatchDelay: 0 } },
  });
  await heartbeat.beat();
  const relay = startSignatureEmailRelay();
  const integrationRelay = startIntegrationRelay();
  return {
    async stop() {
      await relay.stop();
      await integrationRelay.stop();
      await runner.stop();
      await heartbeat.stop();
      closeMailTransport();
    },
  };
}
