import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { missingApplicationKeys, rewrapPetitionKeys, sealLegacySignatures } from './key-store';
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
 * Why this process must not serve, or null: petition data keys wrapped by an application key it was
 * not given (DATA_ENCRYPTION_KEY changed without the old one as DATA_ENCRYPTION_KEY_PREVIOUS, or
 * before `npm run keys:rotate` finished). Checked at every start, after the migrations.
 */
export async function missingKeysProblem(): Promise<string | null> {
  const keys = appKeys();
  const missing = await missingApplicationKeys(getDb().$client, keys);
  if (missing.length === 0) return null;
  const names = missing.map((id) => `"${id}"`).join(', ');
  return (
    `Petition data keys are wrapped by application key ${names}, which this process does not hold ` +
    `(DATA_ENCRYPTION_KEY is "${keys.current.id}"${keys.previous ? `, DATA_ENCRYPTION_KEY_PREVIOUS "${keys.previous.id}"` : ''}). ` +
    `Set that key as DATA_ENCRYPTION_KEY_PREVIOUS, start again, and run npm run keys:rotate (README: Signer data at rest).`
  );
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
