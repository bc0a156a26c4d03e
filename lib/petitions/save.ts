import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { demands, petitionOrganisers, petitionSlugRedirects, petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { readSignedText, recordRevision, type SignedText } from '@/lib/revisions/record-revision';
import { saveTargets } from '@/lib/targets/save-targets';
import { closingInstant } from './closing-date';
import { petitionDraftInput, publishProblems, type PetitionField } from './schemas';
import { slugify } from './slug';

export type SaveResult =
  { status: 'saved'; slug: string; published: boolean } | { status: 'invalid'; errors: Partial<Record<PetitionField, string[]>> } | { status: 'not_found' };

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** Whether another petition has `slug`, now or as a former address. */
async function slugInUse(tx: Tx, slug: string, exceptPetitionId: string | null): Promise<boolean> {
  const rows = await tx
    .select({ petitionId: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.slug, slug), exceptPetitionId === null ? undefined : ne(petitions.id, exceptPetitionId)))
    .unionAll(
      tx
        .select({ petitionId: petitionSlugRedirects.petitionId })
        .from(petitionSlugRedirects)
        .where(and(eq(petitionSlugRedirects.oldSlug, slug), exceptPetitionId === null ? undefined : ne(petitionSlugRedirects.petitionId, exceptPetitionId))),
    );
  return rows.length > 0;
}

async function proposeSlug(tx: Tx, title: string, exceptPetitionId: string | null): Promise<string> {
  const base = slugify(title) || 'petition';
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugInUse(tx, candidate, exceptPetitionId))) return candidate;
  }
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates (no `slug`) or updates a petition the organiser may act on, with its demands, in one
 * transaction. A draft saves whatever is there; publishing requires it complete. A published
 * petition whose slug changes keeps its old slug as a redirect.
 */
export async function savePetition(actor: Organiser, existingSlug: string | null, raw: unknown, intent: 'draft' | 'publish'): Promise<SaveResult> {
  const parsed = petitionDraftInput.safeParse(raw);
  if (!parsed.success) {
    return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  }
  const d = parsed.data;
  if (intent === 'publish') {
    const problems = publishProblems(d);
    if (Object.keys(problems).length) return { status: 'invalid', errors: problems };
  }
  const existing = existingSlug === null ? null : await findPetitionForOrganiser(actor, existingSlug);
  if (existingSlug !== null && !existing) return { status: 'not_found' };

  return getDb().transaction(async (tx) => {
    const petitionId = existing?.id ?? null;
    let slug = d.slug;
    if (slug && slug !== existing?.slug && (await slugInUse(tx, slug, petitionId))) {
      return { status: 'invalid', errors: { slug: ['slugTaken'] } };
    }
    if (!slug) slug = existing?.slug ?? (await proposeSlug(tx, d.title, petitionId));
    const publish = intent === 'publish' && (existing?.status ?? 'draft') === 'draft';
    const fields = {
      title: d.title,
      slug,
      summary: d.summary,
      body: d.body,
      target: d.target,
      goal: d.goal ?? 100,
      language: d.language,
      closesAt: d.closesOn ? closingInstant(d.closesOn) : null,
    } satisfies PgInsertValue<typeof petitions>;

    let id: string;
    let previous: {
      text: string;
      outcome: 'open' | 'partly_met' | 'met' | 'refused';
      outcomeNote: string | null;
      outcomeOn: string | null;
      outcomeSetAt: Date | null;
      outcomeAnnouncedAt: Date | null;
    }[] = [];
    let before: SignedText | null = null;
    if (existing) {
      id = existing.id;
      before = await readSignedText(tx, id);
      await tx
        .update(petitions)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(petitions.id, id));
      if (slug !== existing.slug && existing.status !== 'draft') {
        await tx.delete(petitionSlugRedirects).where(eq(petitionSlugRedirects.oldSlug, slug));
        await tx.insert(petitionSlugRedirects).values({ oldSlug: existing.slug, petitionId: id }).onConflictDoNothing();
      }
      // A demand whose text is unchanged keeps its outcome (lib/responses); an edited one starts open.
      previous = await tx
        .select({
          text: demands.text,
          outcome: demands.outcome,
          outcomeNote: demands.outcomeNote,
          outcomeOn: demands.outcomeOn,
          outcomeSetAt: demands.outcomeSetAt,
          outcomeAnnouncedAt: demands.outcomeAnnouncedAt,
        })
        .from(demands)
        .where(eq(demands.petitionId, id));
      await tx.delete(demands).where(eq(demands.petitionId, id));
    } else {
      const [created] = await tx.insert(petitions).values(fields).returning({ id: petitions.id });
      id = created!.id;
      await tx.insert(petitionOrganisers).values({ petitionId: id, accountId: actor.id, role: 'owner' });
    }
    await saveTargets(tx, id, d.targets);
    if (d.demands.length) {
      const kept = new Map(previous.map(({ text, ...outcome }) => [text, outcome]));
      await tx.insert(demands).values(d.demands.map((text, position) => ({ petitionId: id, position, text, ...kept.get(text) })));
    }
    if (before) await recordRevision(tx, id, actor.id, before);
    if (publish)
      await tx
        .update(petitions)
        .set({ status: 'open', publishedAt: sql`now()` })
        .where(eq(petitions.id, id));
    return { status: 'saved', slug, published: publish || existing?.status === 'open' };
  });
}
