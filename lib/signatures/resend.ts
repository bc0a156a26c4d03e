import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatureEmailJob } from '@/lib/jobs/jobs';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';
import { canonicalizeEmail } from './canonical-email';

/** Emails one signature may cause, all reasons together: a form must not become a way to flood an inbox. */
export const MAX_EMAILS_PER_SIGNATURE = 5;

/** Seconds between emails a "send it again" click may cause. */
export const RESEND_INTERVAL_SECONDS = 15;

/**
 * Queues another email about an existing signature (a fresh confirmation link while pending,
 * "you have already signed" once confirmed), within the per-signature cap and at most one per
 * `minIntervalSeconds`. Says nothing about whether the address has signed.
 */
export async function queueAnotherSignatureEmail(
  petition: { id: string } | { slug: string },
  email: string,
  opts: { minIntervalSeconds?: number } = {},
): Promise<void> {
  if ('slug' in petition && !isSlug(petition.slug)) return;
  const petitionId =
    'id' in petition ? sql`${petition.id}::uuid` : sql`(select id from ${petitionBySlug(petition.slug)} p)`;
  const interval = `${Math.max(0, opts.minIntervalSeconds ?? 0)} seconds`;
  await getDb().execute(sql`
    with s as (
      update signatures
      set emails_sent = emails_sent + 1, last_emailed_at = now()
      where petition_id = ${petitionId}
        and canonical_email = ${canonicalizeEmail(email)}
        and status in ('pending', 'confirmed', 'held')
        and emails_sent < ${MAX_EMAILS_PER_SIGNATURE}
        and last_emailed_at <= now() - ${interval}::interval
      returning id
    )
    select ${signatureEmailJob(sql`s.id`)} from s`);
}
