import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { loginLinkRequests, loginTokens } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';
import { asciiEmail, emailAddress } from '@/lib/text/schema';
import { lockLoginAddress, queueLoginLinkEmail, takeEmailBudget, redeemLoginToken } from './statements';

export const LOGIN_LINK_MINUTES = 20;
const MAX_LINKS_PER_HOUR = 5;

/** An organiser's address, for signing in and for invitations: the sign form's email check. */
export const loginInput = z.object({
  email: emailAddress({ required: 'emailRequired', invalid: 'emailInvalid', tooLong: 'emailTooLong' }),
});

/** The one spelling of an account's address: trimmed, domain in ASCII (punycode), lowercased. */
export function normaliseAccountEmail(email: string): string {
  return asciiEmail(email.trim()).toLowerCase();
}

/**
 * Queues a sign-in link for an address, at most five an hour, and none beyond the email budget of
 * the caller's network. Answers the same whether or not an account exists (or a link was sent):
 * the account is created only when the link is followed.
 */
export async function requestLoginLink(email: string, opts: { locale: string; next: string; ip?: string | null }): Promise<void> {
  const address = normaliseAccountEmail(email);
  const { budgetHash } = await callerKeys(opts.ip ?? null);
  await getDb().transaction(async (tx) => {
    // One address at a time, so concurrent requests cannot all pass the cap.
    await lockLoginAddress(tx, address);
    const r = loginLinkRequests;
    const lastHour = await tx.$count(r, and(eq(r.email, address), gt(r.requestedAt, sql`now() - interval '1 hour'`)));
    if (lastHour >= MAX_LINKS_PER_HOUR) return;
    if (!(await takeEmailBudget(tx, budgetHash))) return;
    await tx.insert(r).values({ email: address });
    await queueLoginLinkEmail(tx, { email: address, locale: opts.locale, next: opts.next });
  });
}

/** Creates a sign-in token for the worker to email; only its hash is kept. */
export async function issueLoginToken(email: string): Promise<string> {
  const token = createToken();
  await getDb()
    .insert(loginTokens)
    .values({ tokenHash: hashToken(token, getEnv().secret), email, expiresAt: sql`now() + ${`${LOGIN_LINK_MINUTES} minutes`}::interval` });
  return token;
}

/**
 * Uses a sign-in token once, creating the account on first use. Returns the account id, or null
 * for an unknown, used or expired token.
 */
export async function consumeLoginToken(token: string): Promise<{ accountId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const accountId = await redeemLoginToken(hashToken(token, getEnv().secret));
  return accountId ? { accountId } : null;
}
