import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionTargets } from '@/db/schema';

/** The petition's targets in order, with their email addresses: for its organisers only (the caller checked). */
export async function listTargets(petitionId: string) {
  return getDb()
    .select({
      id: petitionTargets.id,
      name: petitionTargets.name,
      role: petitionTargets.role,
      email: petitionTargets.email,
      language: petitionTargets.language,
    })
    .from(petitionTargets)
    .where(eq(petitionTargets.petitionId, petitionId))
    .orderBy(asc(petitionTargets.position));
}

export type OrganiserTarget = Awaited<ReturnType<typeof listTargets>>[number];
