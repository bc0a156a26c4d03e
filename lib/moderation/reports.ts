import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { hashToken } from '@/lib/security/tokens';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';
import { normaliseText } from '@/lib/text/normalise';
import { emailAddress, optionalText } from '@/lib/text/schema';

export const reportReasons = ['misleading', 'hateful', 'harassment', 'spam', 'other'] as const;
const MAX_REPORTS_PER_HOUR = 5;

export const reportInput = z.object({
  reason: z.enum(reportReasons, { error: 'reasonRequired' }),
  details: optionalText({ max: 1000, multiline: true, tooLong: 'detailsTooLong', invalid: 'detailsInvalid' }),
  email: z.preprocess(
    (v) => (typeof v === 'string' && normaliseText(v) ? v : undefined),
    z.optional(emailAddress({ required: 'emailInvalid', invalid: 'emailInvalid', tooLong: 'emailInvalid' })),
  ),
});

/** Files a report on a public petition; at most five an hour from one address, beyond which it is quietly dropped. */
export async function reportPetition(
  slug: string,
  raw: unknown,
  ip: string | null,
): Promise<{ status: 'received' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' }> {
  const parsed = reportInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  if (!isSlug(slug)) return { status: 'not_found' };
  const reporter = ip ? hashToken(`report:${ip}`, getEnv().secret) : null;
  const r = parsed.data;
  const rows = await getDb().execute<{ id: string }>(sql`
    select id from ${petitionBySlug(slug)} p where status <> 'draft' and hidden_at is null`);
  if (!rows[0]) return { status: 'not_found' };
  await getDb().transaction(async (tx) => {
    // One reporter at a time: without the lock, concurrent requests all count the same earlier
    // reports and pass the limit together. Held until the insert commits.
    if (reporter) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report:${reporter.toString('hex')}`}))`);
    await tx.execute(sql`
      insert into petition_reports (petition_id, reason, details, email, reporter_hash)
      select ${rows[0]!.id}, ${r.reason}, ${r.details ?? null}, ${r.email ?? null}, ${reporter}
      where ${reporter}::bytea is null
         or (select count(*) from petition_reports where reporter_hash = ${reporter} and created_at > now() - interval '1 hour') < ${MAX_REPORTS_PER_HOUR}`);
  });
  return { status: 'received' };
}

export type OpenReport = {
  id: number;
  slug: string;
  title: string;
  reason: string;
  details: string | null;
  email: string | null;
  createdAt: Date;
  hidden: boolean;
};

/** Open reports, newest first; platform admins only. */
export async function listOpenReports(actor: Organiser | null): Promise<OpenReport[] | null> {
  if (!actor?.isAdmin) return null;
  const rows = await getDb().execute<Omit<OpenReport, 'createdAt'> & { createdAt: string }>(sql`
    select r.id, p.slug, p.title, r.reason, r.details, r.email, r.created_at as "createdAt", p.hidden_at is not null as hidden
    from petition_reports r join petitions p on p.id = r.petition_id
    where r.dismissed_at is null
    order by r.created_at desc limit 200`);
  return rows.map((r) => ({ ...r, id: Number(r.id), createdAt: new Date(r.createdAt) }));
}

/** Hides the reported petition (public page answers 410) and closes its reports; admins only. */
export async function hideReportedPetition(actor: Organiser | null, reportId: number): Promise<boolean> {
  if (!actor?.isAdmin || !Number.isSafeInteger(reportId)) return false;
  const rows = await getDb().execute(sql`
    with r as (select petition_id from petition_reports where id = ${reportId}),
    hidden as (update petitions set hidden_at = coalesce(hidden_at, now()) where id = (select petition_id from r) returning id)
    update petition_reports set dismissed_at = now(), resolved_by = ${actor.id}
    where petition_id = (select id from hidden) and dismissed_at is null
    returning 1`);
  return rows.length > 0;
}

/** Dismisses a report without acting on the petition; admins only. */
export async function dismissReport(actor: Organiser | null, reportId: number): Promise<boolean> {
  if (!actor?.isAdmin || !Number.isSafeInteger(reportId)) return false;
  const rows = await getDb().execute(sql`
    update petition_reports set dismissed_at = now(), resolved_by = ${actor.id} where id = ${reportId} and dismissed_at is null returning 1`);
  return rows.length > 0;
}
