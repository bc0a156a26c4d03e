import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatureEmailJob } from '@/lib/jobs/jobs';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { isSlug } from '@/lib/petitions/slug';
import { canonicalizeEmail } from './canonical-email';

/** Emails one signature may cause, all reasons together: a form must not become a way to flood an inbox. */
export const MAX_EMAILS_PER_SIGNATURE = 5;

/**
 * Seconds between emails about one signature, whatever causes them (a repeat of the form, a double
 * click, "send it again"): the first email is on its way, a second in this time helps no one.
 */
export const RESEND_INTERVAL_SECONDS = 15;

/**
 * Why a signature is held that also means it is mailed nothing: the honeypot and the block lists
 * (a bot or a blocked sender would otherwise use the platform to mail whomever it names). Rate-limit
 * matches still get their email: a real person behind a shared address can confirm.
 */
export const SILENCED_REASONS = ['honeypot', 'blocked_domain', 'blocked_ip'] as const;

/** Whether a suspicion reason means no email. */
export function isSilencedReason(reason: string | null | undefined): boolean {
  return (SILENCED_REASONS as readonly (string | null | undefined)[]).includes(reason);
}

/** SQL: whether the suspicion reason in `column` means no email (the reasons are constants). */
export function silencedReasonSql(column: SQL): SQL {
  return sql`coalesce(${column} in (${sql.raw(SILENCED_REASONS.map((r) => `'${r}'`).join(', '))}), false)`;
}

/**
 * Queues another email about an existing signature (a fresh confirmation link while pending,
 * "you have already signed" once confirmed): at most one per `RESEND_INTERVAL_SECONDS` since the
 * last (the first confirmation included), within the per-signature cap and the caller's network's
 * email budget, and none for a signature held by the honeypot or a block list. Says nothing about
 * whether the address has signed.
 */
export async function queueAnotherSignatureEmail(petition: { id: string } | { slug: string }, email: string, caller: { ip: string | null }): Promise<void> {
  if ('slug' in petition && !isSlug(petition.slug)) return;
  const petitionId = 'id' in petition ? sql`${petition.id}::uuid` : sql`(select id from ${petitionBySlug(petition.slug)} p)`;
  const { budgetHash } = await callerKeys(caller.ip);
  await getDb().execute(sql`
    with s as (
      select id from signatures
      where petition_id = ${petitionId}
        and canonical_email = ${canonicalizeEmail(email)}
        and status in ('pending', 'confirmed', 'held')
        and not ${silencedReasonSql(sql`suspect_reason`)}
        and emails_sent < ${MAX_EMAILS_PER_SIGNATURE}
        and last_emailed_at <= now() - ${`${RESEND_INTERVAL_SECONDS} seconds`}::interval
      -- Concurrent repeats queue here; each re-reads the row, so one of them passes the interval.
      for update
    ),
    -- Asked only for a signature that may be mailed (the budget records the email it allows).
    allowed as (select id from s where email_budget_take(${budgetHash}::bytea)),
    sent as (
      update signatures set emails_sent = emails_sent + 1, last_emailed_at = now()
      from allowed where signatures.id = allowed.id
      returning signatures.id
    )
    select ${signatureEmailJob(sql`sent.id`)} from sent`);
}
