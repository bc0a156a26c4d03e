import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared, getDb } from '@/db/client';
import { signatureTokens } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';
import type { LinkHashes } from './statements';

export const CONFIRMATION_LINK_DAYS = 14;

/** Creates a confirmation token for a signature; only its keyed hash is stored. Each email gets its own. */
export async function issueConfirmationToken(signatureId: number): Promise<string> {
  return issueToken(signatureId, 'confirm');
}

/** The stored hash to look a presented token up by, or null when it cannot be a token at all. */
export function lookupHash(token: string): Buffer | null {
  return looksLikeToken(token) ? hashToken(token, getEnv().secret) : null;
}

export const MANAGE_LINK_DAYS = 365;

/** Creates the token for a signer's own page (withdraw, download data, stop emails); one per email, hash stored. */
export async function issueManageToken(signatureId: number): Promise<string> {
  return issueToken(signatureId, 'manage');
}

/** How long each kind of emailed link works, in days. */
export const LIFETIME_DAYS = { confirm: CONFIRMATION_LINK_DAYS, manage: MANAGE_LINK_DAYS } as const;

/** A new token for one purpose of a signature; only its keyed hash is stored (one prepared insert). */
async function issueToken(signatureId: number, purpose: keyof typeof LIFETIME_DAYS): Promise<string> {
  const token = createToken();
  const insert = getDb()
    .insert(signatureTokens)
    .values({
      tokenHash: hashToken(token, getEnv().secret),
      signatureId,
      purpose,
      expiresAt: sql`now() + ${LIFETIME_DAYS[purpose]}::int * interval '1 day'`,
    });
  await executePrepared(insert.getSQL());
  return token;
}

/**
 * Fresh links for the emails about a batch of signatures, with their keyed hashes for
 * readSignatureEmails (./statements.ts) to store in the same statement as it reads the batch.
 */
export function signatureEmailLinks(signatureIds: number[]): { links: Map<number, { confirm: string; manage: string }>; hashes: LinkHashes[] } {
  const secret = getEnv().secret;
  const links = new Map(signatureIds.map((id) => [id, { confirm: createToken(), manage: createToken() }]));
  const hashes = [...links].map(([id, l]) => ({ id, c: hashToken(l.confirm, secret).toString('hex'), m: hashToken(l.manage, secret).toString('hex') }));
  return { links, hashes };
}
