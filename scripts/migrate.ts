import { migrateDatabase } from '../db/migrate';
import { getEnv } from '../lib/env';

async function main() {
  await migrateDatabase(getEnv().databaseDirectUrl);
  console.log('Database is up to date.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
