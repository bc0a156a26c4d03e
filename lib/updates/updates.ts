import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { jobNames } from '@/lib/jobs/jobs';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { emailVisibleToOrganisers } from '@/lib/signatures/consent';
import { requiredText } from '@/lib/text/schema';

/** Updates a petition may send per rolling week: enough for news, too few for spam. */
export const UPDATES_PER_WEEK = 3;

export const updateLimits = { subject: 150, body: 20_000 } as const;

export const updateInput = z.object({
  subject: requiredText({ max: updateLimits.subject, required: 'subjectRequired', tooLong: 'subjectTooLong' }),
  body: requiredText({ max: updateLimits.body, multiline: true, required: 'bodyRequired', tooLong: 'bodyTooLong' }),
});

export type SendUpdateResult =
  { status: 'queued'; recipients: number } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'capped' } | { status: 'not_found' };

/**
 * Records an update and queues one email per confirmed signer who opted in, in one transaction:
 * each delivery row is stamped when sent, so a worker that dies half-way resumes without
 * repeating or skipping anyone. The "bulk-mail" queue sends one at a time, throttling the burst.
 */
export async function sendUpdate(actor: Organiser, slug: string, raw: unknown): Promise<SendUpdateResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.status === 'draft') return { status: 'not_found' };
  const parsed = updateInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  return getDb().transaction(async (tx) => {
    // Serialises concurrent sends for one petition so the weekly cap holds.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${petition.id}))`);
    const [used] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from petition_updates where petition_id = ${petition.id} and created_at > now() - interval '7 days' and not outside_cap`);
    if ((used?.n ?? 0) >= UPDATES_PER_WEEK) return { status: 'capped' } as const;
    const rows = await tx.execute<{ n: number }>(sql`
      with u as (
        insert into petition_updates (petition_id, subject, body, created_by)
        values (${petition.id}, ${parsed.data.subject}, ${parsed.data.body}, ${actor.id}) returning id
      ),
      d as (
        insert into update_deliveries (update_id, signature_id)
        select u.id, s.id from u, signatures s
        where s.petition_id = ${petition.id} and ${emailVisibleToOrganisers('s')}
        returning id
      )
      select count(graphile_worker.add_job(${jobNames.updateEmail}, json_build_object('deliveryId', d.id),
        queue_name := 'bulk-mail', max_attempts := 10))::int as n from d`);
    return { status: 'queued', recipients: rows[0]?.n ?? 0 } as const;
  });
}

export type UpdateSummary = { id: string; subject: string; body: string; createdAt: Date; recipients: number; sent: number };

/** Past updates with delivery progress, for the petition's organisers; also how many the cap still allows. */
export async function listUpdatesForOrganiser(actor: Organiser | null, slug: string): Promise<{ updates: UpdateSummary[]; remainingThisWeek: number } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const rows = await getDb().execute<Omit<UpdateSummary, 'createdAt'> & { createdAt: string; outsideCap: boolean }>(sql`
    select u.id, u.subject, u.body, u.created_at as "createdAt", u.outside_cap as "outsideCap",
           (select count(*) from update_deliveries d where d.update_id = u.id)::int as recipients,
           (select count(*) from update_deliveries d where d.update_id = u.id and d.sent_at is not null)::int as sent
    from petition_updates u where u.petition_id = ${petition.id} order by u.created_at desc`);
  const updates = rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  const week = Date.now() - 7 * 24 * 3600 * 1000;
  return { updates, remainingThisWeek: Math.max(0, UPDATES_PER_WEEK - updates.filter((u) => u.createdAt.getTime() > week && !u.outsideCap).length) };
}

export type PublicUpdate = { subject: string; body: string; createdAt: Date };

/** A published petition's updates, newest first, for everyone (not only those who opted in). */
export async function listPublicUpdates(petitionId: string): Promise<PublicUpdate[]> {
  const rows = await getDb().execute<{ subject: string; body: string; createdAt: string }>(sql`
    select subject, body, created_at as "createdAt" from petition_updates where petition_id = ${petitionId} order by created_at desc limit 20`);
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}
