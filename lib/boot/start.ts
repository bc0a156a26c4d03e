import 'server-only';
import { migrateDatabase } from '@/db/migrate';
import { getEnv } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';
import { missingKeysProblem, sealLegacySignerData } from '@/lib/privacy/maintain-keys';
import { onShutdown, runShutdownHooks } from './shutdown';

/** Boots the server process: validates the environment, migrates, and runs the in-process worker unless disabled. */
export async function startApp(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  await migrateDatabase(env.databaseDirectUrl);
  // Settings that would fail every request about some petitions' signers stop the server here instead.
  const problem = await missingKeysProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  // A database migrated from before encryption: its clear signer data is sealed before any request.
  const sealed = await sealLegacySignerData();
  if (sealed > 0) console.log(`Sealed the clear personal data of ${sealed} signatures (migration 0034).`);
  if (!env.inProcessWorker) return;
  const worker = await startWorker();
  // server.ts runs this after the last response; under `next start`/`next dev` the signal does.
  onShutdown(() => worker.stop());
  if (!process.env.UNDERSIGN_SERVER) {
    const stop = () => void runShutdownHooks();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
}
