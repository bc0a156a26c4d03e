import 'server-only';
import { and, eq, exists, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionOrganisers, petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { isSlug } from '@/lib/petitions/slug';

/**
 * The petition if this organiser may act on it, else null: the permission check every organiser
 * page, action and route goes through. Never distinguishes "missing" from "not yours".
 */
export async function findPetitionForOrganiser(actor: Organiser | null, slug: string) {
  if (!actor || !isSlug(slug)) return null;
  const [row] = await getDb()
    .select({
      id: petitions.id,
      slug: petitions.slug,
      title: petitions.title,
      language: petitions.language,
      status: petitions.status,
      role: petitionOrganisers.role,
      atRisk: sql<boolean>`${petitions.atRiskAt} is not null`,
    })
    .from(petitions)
    .innerJoin(petitionOrganisers, and(eq(petitionOrganisers.petitionId, petitions.id), eq(petitionOrganisers.accountId, actor.id)))
    .where(eq(petitions.slug, slug));
  return row ?? null;
}

export type OrganiserPetition = NonNullable<Awaited<ReturnType<typeof findPetitionForOrganiser>>>;

/** SQL condition: the petition `p` (the petitions table, or an alias of it) is one this organiser may act on. */
export function organiserCanAct(actor: Organiser, p: { id: SQLWrapper } = petitions): SQL {
  const o = petitionOrganisers;
  return exists(
    getDb()
      .select({ accountId: o.accountId })
      .from(o)
      .where(and(eq(o.petitionId, p.id), eq(o.accountId, actor.id))),
  );
}
