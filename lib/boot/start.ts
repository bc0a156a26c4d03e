import 'server-only';
import { migrateDatabase } from '@/db/migrate';
import { getEnv } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';

/** Boots the server process: validates the environment, migrates, and runs the in-process worker unless disabled. */
export async function startApp(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  await migrateDatabase(env.databaseUrl);
  if (!env.inProcessWorker) return;
  const worker = await startWorker();
  const stop = () => {
    void worker.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
