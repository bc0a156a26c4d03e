import 'server-only';
import { run, type Runner, type TaskList } from 'graphile-worker';
import { getEnv } from '@/lib/env';
import { closeMailTransport } from '@/lib/mail/transport';
import { sendSignatureEmail } from '@/lib/mail/send-signature-email';
import { jobNames } from './jobs';
import { queueLogger } from './logger';

const taskList: TaskList = {
  [jobNames.signatureEmail]: async (payload) => {
    const { signatureId } = payload as { signatureId: number };
    await sendSignatureEmail(Number(signatureId));
  },
};

/** Starts the queue worker; it drains jobs until stopped and finishes running jobs on stop. */
export async function startWorker(opts: { concurrency?: number; pollInterval?: number } = {}): Promise<{ stop(): Promise<void> }> {
  const runner: Runner = await run({
    connectionString: getEnv().databaseUrl,
    concurrency: opts.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 5),
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    taskList,
    logger: queueLogger,
  });
  return {
    async stop() {
      await runner.stop();
      closeMailTransport();
    },
  };
}
