import 'server-only';
import { eq, gt, or, and, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import { signatureCountOf } from './fragments';
import { recountAndRepair } from './statements';

// The shards are decided in ./fragments (with the counter upsert that uses them); callers import them here.
export { COUNTER_SHARDS, pickCounterShard } from './fragments';

/** The exact confirmed count, as the sum of the petition's counter shards (0 for no such petition). */
export async function getSignatureCount(petitionId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: signatureCountOf(petitions.id) })
    .from(petitions)
    .where(eq(petitions.id, petitionId));
  return row?.n ?? 0;
}

/**
 * Compares the stored count with the signatures table and repairs any difference, exactly once
 * however many recounts of the petition run at once (see recountAndRepair), logging a repair.
 */
export async function recountPetition(petitionId: string): Promise<{ stored: number; actual: number }> {
  const row = await recountAndRepair(petitionId);
  if (row.stored !== row.actual) {
    console.warn(`[recount] petition ${petitionId}: stored ${row.stored}, actual ${row.actual}; repaired`);
  }
  return row;
}

/**
 * The periodic recount: every open petition and every one closed in the last day, each compared
 * with its signatures table and repaired (and logged) when they differ. Returns the repaired ones.
 */
export async function recountActivePetitions(): Promise<{ petitionId: string; stored: number; actual: number }[]> {
  const active = await getDb()
    .select({ id: petitions.id })
    .from(petitions)
    .where(or(eq(petitions.status, 'open'), and(eq(petitions.status, 'closed'), gt(petitions.closedAt, sql`now() - interval '1 day'`))));
  const repaired = [];
  // One petition at a time: this is background work, and each recount is its own consistent snapshot.
  for (const p of active) {
    const r = await recountPetition(p.id);
    if (r.stored !== r.actual) repaired.push({ petitionId: p.id, ...r });
  }
  return repaired;
}
