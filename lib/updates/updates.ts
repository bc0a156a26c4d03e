import 'server-only';
import { and, desc, eq, gt, isNotNull, not, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { petitionUpdates, updateDeliveries } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { requiredText } from '@/lib/text/schema';
import { lockPetitionUpdates, recordUpdateWithDeliveries } from './statements';

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
    await lockPetitionUpdates(tx, petition.id);
    const used = await tx.$count(
      petitionUpdates,
      and(eq(petitionUpdates.petitionId, petition.id), gt(petitionUpdates.createdAt, sql`now() - interval '7 days'`), not(petitionUpdates.outsideCap)),
    );
    if (used >= UPDATES_PER_WEEK) return { status: 'capped' } as const;
    const recipients = await recordUpdateWithDeliveries(tx, {
      petitionId: petition.id,
      subject: parsed.data.subject,
      body: parsed.data.body,
      createdBy: actor.id,
    });
    return { status: 'queued', recipients } as const;
  });
}

export type UpdateSummary = { id: string; subject: string; body: string; createdAt: Date; recipients: number; sent: number };

/** Past updates with delivery progress, for the petition's organisers; also how many the cap still allows. */
export async function listUpdatesForOrganiser(actor: Organiser | null, slug: string): Promise<{ updates: UpdateSummary[]; remainingThisWeek: number } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const u = petitionUpdates;
  const d = updateDeliveries;
  const db = getDb();
  const updates = await db
    .select({
      id: u.id,
      subject: u.subject,
      body: u.body,
      createdAt: u.createdAt,
      outsideCap: u.outsideCap,
      recipients: db.$count(d, eq(d.updateId, u.id)),
      sent: db.$count(d, and(eq(d.updateId, u.id), isNotNull(d.sentAt))),
    })
    .from(u)
    .where(eq(u.petitionId, petition.id))
    .orderBy(desc(u.createdAt));
  const week = Date.now() - 7 * 24 * 3600 * 1000;
  return { updates, remainingThisWeek: Math.max(0, UPDATES_PER_WEEK - updates.filter((u) => u.createdAt.getTime() > week && !u.outsideCap).length) };
}

export type PublicUpdate = { subject: string; body: string; createdAt: Date };

/** A published petition's updates, newest first, for everyone (not only those who opted in). */
export async function listPublicUpdates(petitionId: string): Promise<PublicUpdate[]> {
  const u = petitionUpdates;
  return getDb()
    .select({ subject: u.subject, body: u.body, createdAt: u.createdAt })
    .from(u)
    .where(eq(u.petitionId, petitionId))
    .orderBy(desc(u.createdAt))
    .limit(20);
}
