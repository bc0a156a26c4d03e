import { closeDb } from '@/db/client';
import { insertPetition, type NewPetition } from '@/db/seed';
import { startWorker } from '@/lib/jobs/worker';
import { sealLegacySignerData } from '@/lib/privacy/maintain-keys';
import { createTestDatabase } from './database';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const APP_URL = 'http://app.test';

let counter = 0;

/** A petition with unique slug, open unless said otherwise. */
export function petitionFixture(overrides: Partial<NewPetition> = {}): NewPetition {
  counter += 1;
  return {
    slug: `test-petition-${process.pid}-${counter}`,
    title: 'Protect the river',
    summary: 'Stop the dumping upstream.',
    body: 'Background **text**.',
    target: 'The Water Authority',
    goal: 1000,
    demands: ['Stop the dumping', 'Clean the river'],
    ...overrides,
  };
}

/**
 * The app's back end on real parts for one test file: a fresh database, a real SMTP sink,
 * and the queue worker sending through it.
 */
export async function startBackend(
  opts: { smtp?: boolean; workerConcurrency?: number; worker?: boolean; smtpDelayMs?: number; smtpRefuseRecipient?: (address: string) => boolean } = {},
) {
  (process.env as Record<string, string>).NODE_ENV = 'test';
  process.env.APP_URL = APP_URL;
  process.env.SECRET = 'test-secret-that-is-at-least-32-characters-long';
  const db = await createTestDatabase();
  let smtp: SmtpSink | undefined;
  if (opts.smtp !== false) {
    smtp = await startSmtpSink({ delayMs: opts.smtpDelayMs, refuseRecipient: opts.smtpRefuseRecipient });
    process.env.SMTP_URL = smtp.url;
  } else {
    delete process.env.SMTP_URL;
  }
  let worker = opts.worker === false ? null : await startWorker({ concurrency: opts.workerConcurrency ?? 4, pollInterval: 200 });
  return {
    url: db.url,
    sql: db.sql,
    async stopWorker() {
      await worker?.stop();
      worker = null;
    },
    async startWorker() {
      worker ??= await startWorker({ concurrency: opts.workerConcurrency ?? 4, pollInterval: 200 });
    },
    smtp: smtp!,
    /**
     * Seals the signer columns rows inserted in clear hold (as a database migrated from before
     * encryption does): fixtures insert signatures with SQL in the old columns, then call this,
     * which runs the same backfill as every start and `npm run keys:backfill`.
     */
    sealLegacySignatures: () => sealLegacySignerData(),
    createPetition: (overrides: Partial<NewPetition> = {}) => {
      const p = petitionFixture(overrides);
      return insertPetition(db.sql, p).then((id) => ({ id, ...p }));
    },
    async stop() {
      await worker?.stop();
      await smtp?.stop();
      await closeDb();
      await db.drop();
    },
  };
}
