import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { petitions, signatureTokens, signatures } from '@/db/schema';
import { acceptsConfirmation, confirmByToken } from './statements';
import { lookupHash } from './tokens';

// The signer's referrals, counted in a subquery over the same table. Raw SQL renders an alias by its
// name alone: `${signatures} ${referred}` names the table and the alias.
const referred = alias(signatures, 'referred');

type PetitionRef = { slug: string; title: string };

export type ConfirmResult =
  | {
      status: 'confirmed' | 'already_confirmed';
      petition: PetitionRef & { signatureCount: number };
      /** The signer's own code for sharing (null on an at-risk petition), and how many confirmed signatures came through it. */
      referral: { code: string | null; count: number };
    }
  | { status: 'invalid' };

export type ConfirmationLink =
  | { status: 'pending'; petition: PetitionRef }
  | { status: 'confirmed'; petition: PetitionRef; referral: { code: string | null; count: number } }
  | { status: 'invalid' };

/**
 * Confirms the signature a token was mailed for and counts it, and reads the new count, in one
 * statement.
 * Idempotent: a second confirmation changes nothing and reports "already confirmed".
 */
export async function confirmSignature(token: string): Promise<ConfirmResult> {
  const hash = lookupHash(token);
  if (!hash) return { status: 'invalid' };
  let row = await confirmByToken(hash);
  // Pending as the statement began yet not confirmed by it: either its petition no longer accepts
  // confirmations, or another confirmation of the same link (a double click, a mail scanner beside the
  // person) took the row while this one waited for it, and PostgreSQL skipped the row it no longer
  // matched. Asked once more, the statement starts after that one committed and reads it confirmed.
  if (row && row.counted === 0 && row.status === 'pending') row = await confirmByToken(hash);
  if (!row) return { status: 'invalid' };
  // The row shows the status from before this statement's own update.
  const status = row.counted > 0 ? 'confirmed' : row.status === 'confirmed' || row.status === 'held' ? 'already_confirmed' : null;
  if (!status) return { status: 'invalid' };
  return {
    status,
    petition: { slug: row.slug, title: row.title, signatureCount: row.signatureCount },
    referral: { code: row.referralCode, count: row.referrals },
  };
}

/**
 * What a confirmation link points at, without changing anything (mail scanners open links): for a
 * signature already confirmed, also the signer's referral code and how many signed through it.
 */
export async function describeConfirmationLink(token: string): Promise<ConfirmationLink> {
  const hash = lookupHash(token);
  if (!hash) return { status: 'invalid' };
  const sg = signatures;
  const p = petitions;
  const [row] = await getDb()
    .select({
      status: sg.status,
      slug: p.slug,
      title: p.title,
      accepts: acceptsConfirmation(p),
      // An at-risk petition's signers share no referral code (nothing records who came through one).
      referralCode: sql<string | null>`case when ${p.atRiskAt} is null then ${sg.referralCode} end`,
      referrals: sql<number | null>`case when ${sg.status} in ('confirmed', 'held') then
        (select count(*) from ${signatures} ${referred} where ${referred.petitionId} = ${p.id} and ${referred.referredBy} = ${sg.referralCode} and ${referred.status} = 'confirmed')::int
      end`,
    })
    .from(signatureTokens)
    .innerJoin(sg, eq(sg.id, signatureTokens.signatureId))
    .innerJoin(p, eq(p.id, sg.petitionId))
    .where(and(eq(signatureTokens.tokenHash, hash), eq(signatureTokens.purpose, 'confirm'), gt(signatureTokens.expiresAt, sql`now()`)));
  if (!row) return { status: 'invalid' };
  const petition = { slug: row.slug, title: row.title };
  if (row.status === 'confirmed' || row.status === 'held')
    return { status: 'confirmed', petition, referral: { code: row.referralCode, count: row.referrals ?? 0 } };
  if (row.status === 'pending' && row.accepts) return { status: 'pending', petition };
  return { status: 'invalid' };
}
