import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { deliveryPlans } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { deliveryPlanInput } from './schemas';

export type SavePlanResult = { status: 'saved' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' };

/** Sets (or clears, with nothing chosen) the petition's automatic delivery plan; the per-minute job acts on it. */
export async function saveDeliveryPlan(actor: Organiser, slug: string, raw: unknown): Promise<SavePlanResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return { status: 'not_found' };
  const parsed = deliveryPlanInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const p = parsed.data;
  if (p.atCount === undefined && !p.atGoal && !p.onClose) {
    await getDb().delete(deliveryPlans).where(eq(deliveryPlans.petitionId, petition.id));
    return { status: 'saved' };
  }
  const plan = { atCount: p.atCount ?? null, atGoal: p.atGoal, onClose: p.onClose, message: p.message, createdBy: actor.id };
  await getDb()
    .insert(deliveryPlans)
    .values({ petitionId: petition.id, ...plan })
    .onConflictDoUpdate({ target: deliveryPlans.petitionId, set: { ...plan, updatedAt: sql`now()` } });
  return { status: 'saved' };
}

/** The petition's automatic delivery plan, or null; the caller checked the organiser may see it. */
export async function getDeliveryPlan(petitionId: string) {
  const [row] = await getDb()
    .select({ atCount: deliveryPlans.atCount, atGoal: deliveryPlans.atGoal, onClose: deliveryPlans.onClose, message: deliveryPlans.message })
    .from(deliveryPlans)
    .where(eq(deliveryPlans.petitionId, petitionId));
  return row ?? null;
}
