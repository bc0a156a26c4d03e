import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';

export const CONFIRMATION_LINK_DAYS = 14;

/** Creates a confirmation token for a signature; only its keyed hash is stored. Each email gets its own. */
export async function issueConfirmationToken(signatureId: number): Promise<string> {
  const token = createToken();
  await getDb().execute(sql`
    insert into signature_tokens (token_hash, signature_id, purpose, expires_at)
    values (${hashToken(token, getEnv().secret)}, ${signatureId}, 'confirm',
            now() + ${`${CONFIRMATION_LINK_DAYS} days`}::interval)`);
  return token;
}

/** The stored hash to look a presented token up by, or null when it cannot be a token at all. */
export function lookupHash(token: string): Buffer | null {
  return looksLikeToken(token) ? hashToken(token, getEnv().secret) : null;
}

export const MANAGE_LINK_DAYS = 365;

/** Creates the token for a signer's own page (withdraw, download data, stop emails); one per email, hash stored. */
export async function issueManageToken(signatureId: number): Promise<string> {
  const token = createToken();
  await getDb().execute(sql`
    insert into signature_tokens (token_hash, signature_id, purpose, expires_at)
    values (${hashToken(token, getEnv().secret)}, ${signatureId}, 'manage',
            now() + ${`${MANAGE_LINK_DAYS} days`}::interval)`);
  return token;
}
