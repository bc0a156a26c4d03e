import 'server-only';
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryPlans, petitions } from '@/db/schema';
import { effectiveStatus, signatureCountOf } from '@/lib/petitions/fragments';
import { insertDelivery } from './statements';

/**
 * Makes the automatic deliveries that are due: a plan's count or the goal reached, or the petition
 * closed. Each is made at most once per petition and trigger whatever runs at once (several workers,
 * retries): the delivery's partial unique index turns a second attempt into nothing. Returns how many
 * deliveries this call made.
 */
export async function deliverDuePetitions(): Promise<number> {
  const db = getDb();
  const count = signatureCountOf(petitions.id);
  const status = effectiveStatus(petitions);
  const due = await db
    .select({
      petitionId: petitions.id,
      goal: petitions.goal,
      count,
      status,
      atCount: deliveryPlans.atCount,
      atGoal: deliveryPlans.atGoal,
      onClose: deliveryPlans.onClose,
      message: deliveryPlans.message,
      createdBy: deliveryPlans.createdBy,
    })
    .from(deliveryPlans)
    .innerJoin(petitions, eq(petitions.id, deliveryPlans.petitionId))
    .where(
      and(
        ne(petitions.status, 'draft'),
        isNull(petitions.hiddenAt),
        or(
          sql`${deliveryPlans.atCount} <= ${count}`,
          and(eq(deliveryPlans.atGoal, true), sql`${petitions.goal} <= ${count}`),
          and(eq(deliveryPlans.onClose, true), sql`${status} = 'closed'`),
        ),
      ),
    );
  let made = 0;
  for (const p of due) {
    const triggers: { kind: 'milestone' | 'goal' | 'closing'; trigger: number }[] = [];
    if (p.atCount !== null && p.count >= p.atCount) triggers.push({ kind: 'milestone', trigger: p.atCount });
    if (p.atGoal && p.count >= p.goal) triggers.push({ kind: 'goal', trigger: p.goal });
    if (p.onClose && p.status === 'closed') triggers.push({ kind: 'closing', trigger: 0 });
    // Triggers already delivered are skipped before the statement, which would otherwise snapshot the
    // whole list every minute only to find the delivery made (the unique index still decides races).
    const done = new Set(
      (
        await db
          .select({ kind: deliveries.kind, trigger: deliveries.trigger })
          .from(deliveries)
          .where(and(eq(deliveries.petitionId, p.petitionId), inArray(deliveries.kind, ['milestone', 'goal', 'closing'])))
      ).map((d) => `${d.kind}:${d.trigger}`),
    );
    for (const t of triggers.filter((x) => !done.has(`${x.kind}:${x.trigger}`))) {
      const created = await insertDelivery(db, { petitionId: p.petitionId, ...t, message: p.message, createdBy: p.createdBy, targetIds: null });
      if (created) made += 1;
    }
  }
  return made;
}
