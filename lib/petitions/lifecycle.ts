import 'server-only';
import { and, eq, ne, lt, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { queuePetitionEvents } from '@/lib/integrations/events';
import { organiserCanAct } from '@/lib/organisers/access';
import { requiredText } from '@/lib/text/schema';
import { columnName } from './fragments';
import { isSlug } from './slug';
import { petitionLimits } from './schemas';

export type LifecycleResult = { status: 'done' } | { status: 'not_found' } | { status: 'invalid'; reason: string };

/**
 * Changes a petition its organiser may act on, when `condition` holds; whether it did. A change that
 * closes an open petition queues `petition.closed` for its webhooks in the same transaction.
 */
async function updateOwnPetition(
  actor: Organiser,
  slug: string,
  set: PgUpdateSetSource<typeof petitions>,
  condition: SQL | undefined,
  closedReason?: 'organiser' | 'victory',
): Promise<boolean> {
  if (!isSlug(slug)) return false;
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(petitions)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(petitions.slug, slug), organiserCanAct(actor), condition))
      .returning({
        id: petitions.id, // The status before this update (a subquery reads the statement's snapshot); drizzle renders
        // a returned column unqualified, so the updated row's id is named with its table here.
        wasOpen: sql<boolean>`(select p0.${columnName(petitions.status)} = 'open' from ${petitions} p0 where p0.id = ${petitions}.${columnName(petitions.id)})`,
      });
    if (closedReason)
      await queuePetitionEvents(
        tx,
        rows.filter((r) => r.wasOpen).map((r) => r.id),
        'petition.closed',
        { reason: closedReason },
      );
    return rows.length > 0;
  });
}

/** Closes an open petition now; it stops taking signatures but confirms earlier ones for a day. */
export async function closePetition(actor: Organiser, slug: string): Promise<LifecycleResult> {
  return (await updateOwnPetition(actor, slug, { status: 'closed', closedAt: sql`now()` }, eq(petitions.status, 'open'), 'organiser'))
    ? { status: 'done' }
    : { status: 'not_found' };
}

const victoryMessage = requiredText({
  max: petitionLimits.victory,
  multiline: true,
  required: 'victoryMessage',
  tooLong: 'victoryMessage',
  invalid: 'victoryMessage',
});

/** Declares victory with a short message; an open petition is closed at the same time. */
export async function declareVictory(actor: Organiser, slug: string, message: string): Promise<LifecycleResult> {
  const parsed = victoryMessage.safeParse(message);
  if (!parsed.success) return { status: 'invalid', reason: 'victoryMessage' };
  const text = parsed.data;
  const done = await updateOwnPetition(
    actor,
    slug,
    { victoryAt: sql`now()`, victoryMessage: text, status: 'closed', closedAt: sql`coalesce(${petitions.closedAt}, now())` },
    ne(petitions.status, 'draft'),
    'victory',
  );
  return done ? { status: 'done' } : { status: 'not_found' };
}

/** Raises the goal of an open petition; it never goes down. */
export async function raiseGoal(actor: Organiser, slug: string, goal: number): Promise<LifecycleResult> {
  if (!Number.isInteger(goal) || goal > 100_000_000) return { status: 'invalid', reason: 'goal' };
  const done = await updateOwnPetition(actor, slug, { goal }, and(lt(petitions.goal, goal), eq(petitions.status, 'open')));
  return done ? { status: 'done' } : { status: 'invalid', reason: 'goal' };
}

/** The next goal to offer once one is reached: the next step of 1-2.5-5 × 10ⁿ above the count. */
export function nextGoal(count: number): number {
  let scale = 100;
  for (;;) {
    for (const step of [1, 2.5, 5]) {
      const candidate = step * scale;
      if (candidate > count * 1.2) return candidate;
    }
    scale *= 10;
  }
}
