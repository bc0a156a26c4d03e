import { seedIfEmpty } from '../db/seed';
import { getEnv } from '../lib/env';

async function main() {
  const seeded = await seedIfEmpty(getEnv().databaseUrl);
  console.log(seeded ? 'Seeded the demo petition.' : 'Database already has petitions; nothing seeded.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
