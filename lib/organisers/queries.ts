import { publicTargetsOf } from '@/lib/targets/fragments';
import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionOrganisers, petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { closingDay } from '@/lib/petitions/closing-date';
import { demandsOf, effectiveStatus, hasCoverImage, signatureCountOf } from '@/lib/petitions/fragments';
import { isSlug } from '@/lib/petitions/slug';

/** The petitions this organiser owns or co-organises, with counts, newest first. */
export async function listOrganiserPetitions(actor: Organiser) {
  return getDb()
    .select({
      slug: petitions.slug,
      title: petitions.title,
      status: petitions.status,
      goal: petitions.goal,
      role: petitionOrganisers.role,
      victory: sql<boolean>`${petitions.victoryAt} is not null`,
      updatedAt: petitions.updatedAt,
      signatureCount: signatureCountOf(petitions.id),
    })
    .from(petitionOrganisers)
    .innerJoin(petitions, eq(petitions.id, petitionOrganisers.petitionId))
    .where(eq(petitionOrganisers.accountId, actor.id))
    .orderBy(desc(petitions.updatedAt));
}

export type OrganiserPetitionRow = Awaited<ReturnType<typeof listOrganiserPetitions>>[number];

/** Everything the editor and the overview show, only for the petition's organisers (any status). */
export async function getPetitionForOrganiser(actor: Organiser | null, slug: string) {
  if (!actor || !isSlug(slug)) return null;
  const [row] = await getDb()
    .select({
      id: petitions.id,
      slug: petitions.slug,
      title: petitions.title,
      summary: petitions.summary,
      body: petitions.body,
      target: petitions.target,
      goal: petitions.goal,
      language: petitions.language,
      role: petitionOrganisers.role,
      status: effectiveStatus(petitions),
      closesOn: closingDay(petitions.closesAt),
      victoryMessage: petitions.victoryMessage,
      hidden: sql<boolean>`${petitions.hiddenAt} is not null`,
      atRiskAt: petitions.atRiskAt,
      hasCover: hasCoverImage(petitions.id),
      signatureCount: signatureCountOf(petitions.id),
      demands: demandsOf(petitions.id),
      targets: publicTargetsOf(petitions.id),
      /** The sign form's own questions (the signer list shows the answers) and the partner opt-in, if any. */
      questions: petitions.questions,
      partnerOptIn: petitions.partnerOptIn,
    })
    .from(petitions)
    .innerJoin(petitionOrganisers, and(eq(petitionOrganisers.petitionId, petitions.id), eq(petitionOrganisers.accountId, actor.id)))
    .where(eq(petitions.slug, slug));
  return row ?? null;
}

export type EditablePetition = NonNullable<Awaited<ReturnType<typeof getPetitionForOrganiser>>>;
