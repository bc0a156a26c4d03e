import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionRevisions } from '@/db/schema';

/** The petition's revisions after its first signature, newest first: what changed and when (not who). */
export async function listRevisions(petitionId: string) {
  return getDb()
    .select({ id: petitionRevisions.id, changes: petitionRevisions.changes, createdAt: petitionRevisions.createdAt })
    .from(petitionRevisions)
    .where(eq(petitionRevisions.petitionId, petitionId))
    .orderBy(desc(petitionRevisions.createdAt), desc(petitionRevisions.id))
    .limit(50);
}

export type Revision = Awaited<ReturnType<typeof listRevisions>>[number];
