import { closeDb } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { getEnv } from '../lib/env';
import { startWorker } from '../lib/jobs/worker';

// The queue worker as its own process (run the app with IN_PROCESS_WORKER=false).
async function main() {
  const env = getEnv();
  await migrateDatabase(env.databaseDirectUrl);
  const worker = await startWorker();
  console.log('Worker running. Ctrl-C to stop.');
  const shutdown = async () => {
    await worker.stop();
    await closeDb();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
