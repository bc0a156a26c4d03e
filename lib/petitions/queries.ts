import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, readPublic, type Db } from '@/db/client';
import { petitionTranslations, petitions } from '@/db/schema';
import { publicTargetsOf } from '@/lib/targets/fragments';
import { petitionAt } from './by-slug';
import { demandsOf, effectiveStatus, hasCoverImage, signatureCountOf } from './fragments';
import { isSlug } from './slug';

/** Open petitions, newest first, with their confirmed counts; one query for the page (public: a replica may serve it). */
export async function listOpenPetitions(opts: { limit: number; offset: number }) {
  return readPublic((db) =>
    db
      .select({
        slug: petitions.slug,
        title: petitions.title,
        summary: petitions.summary,
        target: petitions.target,
        goal: petitions.goal,
        signatureCount: signatureCountOf(petitions.id),
      })
      .from(petitions)
      .where(and(eq(petitions.status, 'open'), isNull(petitions.hiddenAt)))
      .orderBy(sql`${petitions.publishedAt} desc nulls last`, petitions.id)
      .limit(opts.limit)
      .offset(opts.offset),
  );
}

export type PetitionSummary = Awaited<ReturnType<typeof listOpenPetitions>>[number];

/**
 * The current slug of the published petition at `slug`: itself, or the new one after a rename;
 * null when there is none. One lookup, for redirecting.
 */
export async function findCurrentSlug(slug: string): Promise<string | null> {
  if (!isSlug(slug)) return null;
  const p = petitionAt(slug);
  const [row] = await getDb()
    .select({ slug: p.slug })
    .from(p)
    .where(and(ne(p.status, 'draft'), isNull(p.hiddenAt)));
  return row?.slug ?? null;
}

/**
 * The petition page's read (see getPublicPetition) as a prepared query, built and rendered once per
 * database pool, parsed once per connection: on the page's hot path, building and planning the
 * statement cost more than running it. Its plan cannot go wrong with the values: every read in it
 * is by a unique key (the slug, an old slug, the petition's id).
 */
function preparePublicPetitionRead(db: Db) {
  const p = petitionAt(sql.placeholder('slug'));
  const t = alias(petitionTranslations, 't');
  const other = alias(petitionTranslations, 'l');
  const otherLanguages = db
    .select({ language: other.language })
    .from(other)
    .where(and(eq(other.petitionId, p.id), ne(other.language, p.language)))
    .orderBy(other.language);
  return (
    db
      .select({
        id: p.id,
        slug: p.slug,
        title: sql<string>`coalesce(${t.title}, ${p.title})`,
        summary: sql<string>`coalesce(${t.summary}, ${p.summary})`,
        body: sql<string>`coalesce(${t.body}, ${p.body})`,
        target: sql<string>`coalesce(${t.target}, ${p.target})`,
        /** The decision makers, in order, without their email addresses. */
        targets: publicTargetsOf(p.id),
        goal: p.goal,
        language: sql<string>`coalesce(${t.language}, ${p.language})`,
        // Drafts are not selected (below), so the status is open or closed.
        status: sql<'open' | 'closed'>`${effectiveStatus(p)}`,
        publishedAt: p.publishedAt,
        closedAt: p.closedAt,
        closesAt: p.closesAt,
        victoryAt: p.victoryAt,
        victoryMessage: p.victoryMessage,
        hasCover: hasCoverImage(p.id),
        /** At-risk mode: no public names, small per-country figures hidden, a notice before signing. */
        atRisk: sql<boolean>`${p.atRiskAt} is not null`,
        signatureCount: signatureCountOf(p.id),
        demands: sql<string[]>`coalesce(to_json(${t.demands}), ${demandsOf(p.id)})`,
        /** The sign form's own questions and consent texts, in every language (lib/questions/labels.ts picks one). */
        questions: p.questions,
        dataController: p.dataController,
        partnerOptIn: p.partnerOptIn,
        /** Every language the petition is written in: the original first, then its translations. */
        languages: sql<string[]>`array_prepend(${p.language}, array(${otherLanguages}))`,
      })
      .from(p)
      // Without a language (null) no translation matches: the original's text.
      .leftJoin(t, and(eq(t.petitionId, p.id), eq(t.language, sql.placeholder('language')), ne(t.language, p.language)))
      .where(and(ne(p.status, 'draft'), isNull(p.hiddenAt)))
      .prepare('public_petition')
  );
}

const publicPetitionReads = new WeakMap<Db, ReturnType<typeof preparePublicPetitionRead>>();

/**
 * A published (open or closed) petition with its demands and count; drafts are not public. An
 * address the petition had before a rename finds it too: `slug` in the result is its current one,
 * so a page at another address redirects there (lib/petitions/public-page.ts). With `language`, the organisers' translation into it replaces the text when one exists
 * (`language` in the result says which text was given). One statement: the petition page's read, on
 * the replica when DATABASE_REPLICA_URL is set (at most its lag behind; the primary while it is unreachable).
 */
export async function getPublicPetition(slug: string, language?: string) {
  if (!isSlug(slug)) return null;
  const [row] = await readPublic((db) => {
    let read = publicPetitionReads.get(db);
    if (!read) publicPetitionReads.set(db, (read = preparePublicPetitionRead(db)));
    return read.execute({ slug, language: language ?? null });
  });
  return row ?? null;
}

export type Petition = NonNullable<Awaited<ReturnType<typeof getPublicPetition>>>;
