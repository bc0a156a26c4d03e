import 'server-only';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { petitionTargets } from '@/db/schema';
import type { TargetDraft } from './schemas';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/**
 * Makes the petition's targets exactly `targets`, in that order, inside the caller's transaction. A
 * target the editor sent back with its id keeps it (its deliveries and responses stay attached); an
 * id that is not this petition's is treated as a new target, so no form can move another's target.
 */
export async function saveTargets(tx: Tx, petitionId: string, targets: TargetDraft[]): Promise<void> {
  const wanted = targets.map((t) => t.id).filter((id): id is string => Boolean(id));
  const owned = new Set(
    wanted.length
      ? (
          await tx
            .select({ id: petitionTargets.id })
            .from(petitionTargets)
            .where(and(eq(petitionTargets.petitionId, petitionId), inArray(petitionTargets.id, wanted)))
        ).map((r) => r.id)
      : [],
  );
  const kept = [...owned];
  await tx.delete(petitionTargets).where(and(eq(petitionTargets.petitionId, petitionId), kept.length ? notInArray(petitionTargets.id, kept) : undefined));
  const seen = new Set<string>();
  for (const [position, t] of targets.entries()) {
    const fields = { position, name: t.name, role: t.role, email: t.email || null, language: t.language };
    if (t.id && owned.has(t.id) && !seen.has(t.id)) {
      seen.add(t.id);
      await tx.update(petitionTargets).set(fields).where(eq(petitionTargets.id, t.id));
    } else {
      await tx.insert(petitionTargets).values({ petitionId, ...fields });
    }
  }
}
