import 'server-only';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { isSlug } from '@/lib/petitions/slug';
import { getEnv } from '@/lib/env';
import { canonicalizeEmail } from './canonical-email';
import { atRiskEmailKey, emailHashOf } from './email-hash';
import { queueAnotherEmail } from './statements';

// The limits live beside the statements that apply them; pages import them from here.
export { isSilencedReason, MAX_EMAILS_PER_SIGNATURE, RESEND_INTERVAL_SECONDS, SILENCED_REASONS } from './email-limits';

/**
 * Queues another email about an existing signature (a fresh confirmation link while pending,
 * "you have already signed" once confirmed, nothing for an at-risk signature once confirmed: its
 * address is no longer kept): at most one per `RESEND_INTERVAL_SECONDS` since the
 * last (the first confirmation included), within the per-signature cap and the caller's network's
 * email budget, and none for a signature held by the honeypot or a block list. Says nothing about
 * whether the address has signed.
 */
export async function queueAnotherSignatureEmail(petition: { id: string } | { slug: string }, email: string, caller: { ip: string | null }): Promise<void> {
  if ('slug' in petition && !isSlug(petition.slug)) return;
  const { budgetHash } = await callerKeys(caller.ip);
  const canonicalEmail = canonicalizeEmail(email);
  await queueAnotherEmail(petition, atRiskEmailKey(emailHashOf(canonicalEmail, getEnv().secret)), budgetHash);
}
