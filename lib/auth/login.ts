import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { jobNames } from '@/lib/jobs/jobs';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';
import { asciiEmail, emailAddress } from '@/lib/text/schema';

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
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${address}`}))`);
    const rows = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from login_link_requests where email = ${address} and requested_at > now() - interval '1 hour'`);
    if ((rows[0]?.n ?? 0) >= MAX_LINKS_PER_HOUR) return;
    const [budget] = await tx.execute<{ ok: boolean }>(sql`select email_budget_take(${budgetHash}::bytea) as ok`);
    if (!budget?.ok) return;
    await tx.execute(sql`insert into login_link_requests (email) values (${address})`);
    await tx.execute(sql`
      select graphile_worker.add_job(${jobNames.loginLink},
        json_build_object('email', ${address}::text, 'locale', ${opts.locale}::text, 'next', ${opts.next}::text),
        max_attempts := 8)`);
  });
}

/** Creates a sign-in token for the worker to email; only its hash is kept. */
export async function issueLoginToken(email: string): Promise<string> {
  const token = createToken();
  await getDb().execute(sql`
    insert into login_tokens (token_hash, email, expires_at)
    values (${hashToken(token, getEnv().secret)}, ${email}, now() + ${`${LOGIN_LINK_MINUTES} minutes`}::interval)`);
  return token;
}

/**
 * Uses a sign-in token once, creating the account on first use. Returns the account id, or null
 * for an unknown, used or expired token.
 */
export async function consumeLoginToken(token: string): Promise<{ accountId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const rows = await getDb().execute<{ id: string }>(sql`
    with used as (
      update login_tokens set used_at = now()
      where token_hash = ${hashToken(token, getEnv().secret)} and used_at is null and expires_at > now()
      returning email
    )
    insert into accounts (email, last_signed_in_at)
    select email, now() from used
    on conflict (email) do update set last_signed_in_at = now()
    returning id`);
  return rows[0] ? { accountId: rows[0].id } : null;
}
