import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { rewrapPetitionKeys, sealLegacySignatures } from './key-store';
import { appKeys, forgetPetitionKeys } from './petition-keys';

/**
 * Seals whatever clear signer data the database still holds from before encryption (a database
 * migrated from an earlier version), with this process's keys: run at every start after the
 * migrations, and by `npm run keys:backfill`. Returns how many signatures it sealed (0 once done).
 */
export async function sealLegacySignerData(): Promise<number> {
  return sealLegacySignatures(getDb().$client, { keys: appKeys(), secret: getEnv().secret });
}

/**
 * Rewraps every petition's data key under DATA_ENCRYPTION_KEY (unwrapping with it or with
 * DATA_ENCRYPTION_KEY_PREVIOUS): `npm run keys:rotate`. Returns how many keys it rewrapped.
 */
export async function rotatePetitionKeys(): Promise<number> {
  const n = await rewrapPetitionKeys(getDb().$client, appKeys());
  forgetPetitionKeys();
  return n;
}
