import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { demands } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { announceOutcome } from './announce';
import { outcomeInput } from './schemas';
import type { ResponseResult } from './record';

/**
 * Sets a demand's outcome (open, partly met, met, refused) with a note and a date; a demand met or
 * refused is announced to opted-in signers once, however often it is set.
 */
export async function setDemandOutcome(actor: Organiser, slug: string, raw: unknown): Promise<ResponseResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.status === 'draft') return { status: 'not_found' };
  const parsed = outcomeInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const o = parsed.data;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(demands)
      .set({ outcome: o.outcome, outcomeNote: o.note ?? null, outcomeOn: o.on ?? sql`(now() at time zone 'UTC')::date`, outcomeSetAt: sql`now()` })
      .where(and(eq(demands.id, o.demandId), eq(demands.petitionId, petition.id)))
      .returning({ id: demands.id });
    if (!row) return { status: 'not_found' } as const;
    await announceOutcome(tx, row.id);
    return { status: 'done' } as const;
  });
}
