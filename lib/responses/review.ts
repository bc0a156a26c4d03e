import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { targetResponses } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { announceResponse, queueResponseEvent } from './announce';

/**
 * Approves (shows, and announces once to opted-in signers) or rejects a response a target sent
 * through its link; only a pending response of a petition this organiser may act on.
 */
export async function reviewResponse(actor: Organiser, slug: string, responseId: string, decision: 'approve' | 'reject'): Promise<'done' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !/^[0-9a-f-]{36}$/i.test(responseId)) return 'not_found';
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(targetResponses)
      .set(decision === 'approve' ? { approvedAt: sql`now()` } : { rejectedAt: sql`now()` })
      .where(
        and(
          eq(targetResponses.id, responseId),
          eq(targetResponses.petitionId, petition.id),
          isNull(targetResponses.approvedAt),
          isNull(targetResponses.rejectedAt),
        ),
      )
      .returning({ id: targetResponses.id });
    if (!row) return 'not_found' as const;
    if (decision === 'approve') {
      await announceResponse(tx, row.id);
      await queueResponseEvent(tx, row.id);
    }
    return 'done' as const;
  });
}
