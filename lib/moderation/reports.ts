import 'server-only';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { petitionReports, petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { hashToken } from '@/lib/security/tokens';
import { petitionAt } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';
import { normaliseText } from '@/lib/text/normalise';
import { emailAddress, optionalText } from '@/lib/text/schema';
import { fileReportUnderCap, hidePetitionOfReport } from './statements';

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
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  if (!isSlug(slug)) return { status: 'not_found' };
  const reporter = ip ? hashToken(`report:${ip}`, getEnv().secret) : null;
  const p = petitionAt(slug);
  const [petition] = await getDb()
    .select({ id: p.id })
    .from(p)
    .where(and(ne(p.status, 'draft'), isNull(p.hiddenAt)));
  if (!petition) return { status: 'not_found' };
  const r = parsed.data;
  await fileReportUnderCap(
    { petitionId: petition.id, reason: r.reason, details: r.details ?? null, email: r.email ?? null, reporterHash: reporter },
    MAX_REPORTS_PER_HOUR,
  );
  return { status: 'received' };
}

/** Open reports, newest first; platform admins only. */
export async function listOpenReports(actor: Organiser | null) {
  if (!actor?.isAdmin) return null;
  const r = petitionReports;
  return getDb()
    .select({
      id: r.id,
      slug: petitions.slug,
      title: petitions.title,
      reason: r.reason,
      details: r.details,
      email: r.email,
      createdAt: r.createdAt,
      hidden: sql<boolean>`${petitions.hiddenAt} is not null`,
    })
    .from(r)
    .innerJoin(petitions, eq(petitions.id, r.petitionId))
    .where(isNull(r.dismissedAt))
    .orderBy(desc(r.createdAt))
    .limit(200);
}

export type OpenReport = NonNullable<Awaited<ReturnType<typeof listOpenReports>>>[number];

/** Hides the reported petition (public page answers 410) and closes its reports; admins only. */
export async function hideReportedPetition(actor: Organiser | null, reportId: number): Promise<boolean> {
  if (!actor?.isAdmin || !Number.isSafeInteger(reportId)) return false;
  return hidePetitionOfReport(reportId, actor.id);
}

/** Dismisses a report without acting on the petition; admins only. */
export async function dismissReport(actor: Organiser | null, reportId: number): Promise<boolean> {
  if (!actor?.isAdmin || !Number.isSafeInteger(reportId)) return false;
  const r = petitionReports;
  const rows = await getDb()
    .update(r)
    .set({ dismissedAt: sql`now()`, resolvedBy: actor.id })
    .where(and(eq(r.id, reportId), isNull(r.dismissedAt)))
    .returning({ id: r.id });
  return rows.length > 0;
}
