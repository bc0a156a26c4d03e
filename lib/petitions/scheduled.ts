import 'server-only';
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import { queuePetitionEvents } from '@/lib/integrations/events';
import { recordReachedMilestones } from './statements';

/** Counts that earn the organisers an email, besides the goal itself. */
export const MILESTONES = [1, 100, 1_000, 10_000, 100_000, 1_000_000] as const;

/**
 * Closes open petitions whose closing instant (the end of their closing day, UTC) has passed by
 * `now`; run every minute by the worker. Returns how many it closed.
 */
export async function closeDuePetitions(now = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(petitions)
      .set({ status: 'closed', closedAt: petitions.closesAt, updatedAt: sql`now()` })
      .where(and(eq(petitions.status, 'open'), isNotNull(petitions.closesAt), lte(petitions.closesAt, now)))
      .returning({ id: petitions.id });
    await queuePetitionEvents(
      tx,
      rows.map((r) => r.id),
      'petition.closed',
      { reason: 'closing_date' },
    );
    return rows.length;
  });
}

/**
 * Records milestones newly reached by open petitions and queues one email for each to the
 * organisers. The primary key on (petition, milestone) makes each go out once, however many
 * workers run this at the same time. The goal is recorded under its own number.
 */
export async function recordMilestones(): Promise<number> {
  return recordReachedMilestones(MILESTONES);
}
