import { closeDb } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { getEnv } from '../lib/env';
import { rotatePetitionKeys, sealLegacySignerData } from '../lib/privacy/maintain-keys';

// `npm run keys:rotate`: rewraps every petition data key under DATA_ENCRYPTION_KEY, reading the old
// wraps with DATA_ENCRYPTION_KEY_PREVIOUS. `npm run keys:backfill`: seals the clear signer data a
// database migrated from before encryption still holds (every start does it too). See the README.

async function main() {
  const command = process.argv[2];
  const env = getEnv();
  await migrateDatabase(env.databaseUrl);
  if (command === 'rotate') {
    if (!env.previousDataKey) console.log('DATA_ENCRYPTION_KEY_PREVIOUS is not set: only keys already readable with DATA_ENCRYPTION_KEY can be rewrapped.');
    const n = await rotatePetitionKeys();
    console.log(
      `Rewrapped ${n} petition data keys under application key "${env.dataKey.id}". Every key now uses it: DATA_ENCRYPTION_KEY_PREVIOUS can be removed.`,
    );
  } else if (command === 'backfill') {
    const n = await sealLegacySignerData();
    console.log(`Sealed the clear personal data of ${n} signatures.`);
  } else {
    console.error('Usage: keys rotate | keys backfill');
    process.exitCode = 2;
  }
  await closeDb();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
