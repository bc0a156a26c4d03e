import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { executePrepared } from '@/db/client';
import { getEnv } from '@/lib/env';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';

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

const LIFETIME_DAYS = { confirm: CONFIRMATION_LINK_DAYS, manage: MANAGE_LINK_DAYS } as const;

/** A new token for one purpose of a signature; only its keyed hash is stored. */
async function issueToken(signatureId: number, purpose: keyof typeof LIFETIME_DAYS): Promise<string> {
  const token = createToken();
  await executePrepared(sql`
    insert into signature_tokens (token_hash, signature_id, purpose, expires_at)
    values (${hashToken(token, getEnv().secret)}, ${signatureId}, ${purpose}, now() + ${LIFETIME_DAYS[purpose]}::int * interval '1 day')`);
  return token;
}

/**
 * Fresh links for the emails about a batch of signatures, and the INSERT (for a statement's CTE)
 * that stores their hashes for the rows of `source` (a CTE with `id`, `status`, `stopped`): both
 * links while a signature is pending, only the signer's page once confirmed or held, none when they
 * stopped emails. The emails' read and their tokens then take one round trip, and the statement's
 * text is the same for any batch (the links travel as one JSON parameter).
 */
export function signatureEmailTokens(source: SQL, signatureIds: number[]): { insert: SQL; links: Map<number, { confirm: string; manage: string }> } {
  const secret = getEnv().secret;
  const links = new Map(signatureIds.map((id) => [id, { confirm: createToken(), manage: createToken() }]));
  const hashes = [...links].map(([id, l]) => ({ id, c: hashToken(l.confirm, secret).toString('hex'), m: hashToken(l.manage, secret).toString('hex') }));
  const insert = sql`
    insert into signature_tokens (token_hash, signature_id, purpose, expires_at)
    select decode(v.hash, 'hex'), s.id, v.purpose, now() + v.days * interval '1 day'
    from ${source} s
    join jsonb_to_recordset(${JSON.stringify(hashes)}::jsonb) as l(id bigint, c text, m text) on l.id = s.id
    cross join lateral (values (l.c, 'confirm', ${LIFETIME_DAYS.confirm}::int), (l.m, 'manage', ${LIFETIME_DAYS.manage}::int)) as v(hash, purpose, days)
    where not s.stopped
      and ((v.purpose = 'confirm' and s.status = 'pending') or (v.purpose = 'manage' and s.status in ('pending', 'confirmed', 'held')))`;
  return { insert, links };
}
