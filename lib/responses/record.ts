import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { petitionTargets, targetResponses } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { announceResponse, queueResponseEvent } from './announce';
import { organiserResponseInput } from './schemas';

export type ResponseResult = { status: 'done' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Records a target's response as an organiser found it (text, date, link to the source): shown at once
 * and announced to opted-in signers once, in one transaction. The target must be this petition's.
 */
export async function recordResponse(actor: Organiser, slug: string, raw: unknown): Promise<ResponseResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.status === 'draft') return { status: 'not_found' };
  const parsed = organiserResponseInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const r = parsed.data;
  return getDb().transaction(async (tx) => {
    const [target] = await tx
      .select({ id: petitionTargets.id, name: petitionTargets.name })
      .from(petitionTargets)
      .where(and(eq(petitionTargets.id, r.targetId), eq(petitionTargets.petitionId, petition.id)));
    if (!target) return { status: 'invalid', errors: { targetId: ['targetRequired'] } } as const;
    const [created] = await tx
      .insert(targetResponses)
      .values({
        petitionId: petition.id,
        targetId: target.id,
        targetName: target.name,
        source: 'organiser',
        body: r.body,
        respondedOn: r.respondedOn ?? today(),
        sourceUrl: r.sourceUrl ?? null,
        createdBy: actor.id,
        approvedAt: new Date(),
      })
      .returning({ id: targetResponses.id });
    await announceResponse(tx, created!.id);
    await queueResponseEvent(tx, created!.id);
    return { status: 'done' } as const;
  });
}
