import 'server-only';
import { isSlug } from '@/lib/petitions/slug';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { getEnv } from '@/lib/env';
import { canonicalizeEmail } from './canonical-email';
import { emailHashOf } from './email-hash';
import { domainOf, registrableDomain } from './email-domain';
import { isSilencedReason } from './email-limits';
import { queueAnotherSignatureEmail } from './resend';
import { fieldErrorsOf, signatureInput, type FieldErrors } from './schemas';
import { insertSignature } from './statements';

export type SignResult =
  { status: 'pending_confirmation'; email: string } | { status: 'invalid'; errors: FieldErrors } | { status: 'not_found' } | { status: 'closed' };

/**
 * Validates and records a signature with its confirmation email (in the outbox the worker relays
 * to the queue), atomically, in one statement. Idempotent per petition and canonical email; the
 * result never reveals whether the address signed before (a repeat gets another confirmation or an
 * "already signed" email, at most one per resend interval), nor whether a limit or block list held
 * it back. A signature withdrawn earlier is signed anew: pending again, with a new confirmation.
 * Held by the honeypot or a block list, or beyond its network's email budget: the same answer, no email.
 */
export async function signPetition(slug: string, raw: unknown, caller: { ip: string | null } = { ip: null }): Promise<SignResult> {
  const parsed = signatureInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: fieldErrorsOf(parsed.error) };
  if (!isSlug(slug)) return { status: 'not_found' };
  const s = parsed.data;
  const canonical = canonicalizeEmail(s.email);
  const domain = domainOf(canonical);
  const registrable = registrableDomain(domain);
  // The address is matched against the IP lists here: only hashes and answers reach the database.
  const keys = await callerKeys(caller.ip);

  const emailHash = emailHashOf(canonical, getEnv().secret);
  const row = await insertSignature(slug, { ...s, canonicalEmail: canonical, emailHash, domain, emailDomain: registrable, keys });
  if (!row || row.status === 'draft') return { status: 'not_found' };
  if (row.status !== 'open') return { status: 'closed' };
  // A repeat (the address's signature is live): another email, unless this attempt itself would
  // have been silenced, within the signature's interval, cap and the network's budget.
  if (!row.recorded && !isSilencedReason(row.reason)) await queueAnotherSignatureEmail({ id: row.petitionId }, s.email, { ip: caller.ip });
  return { status: 'pending_confirmation', email: s.email };
}
