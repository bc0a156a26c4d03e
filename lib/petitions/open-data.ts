import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { readPublic } from '@/db/client';
import { petitions } from '@/db/schema';
import { readCountryCounts, readHourlySeries } from '@/lib/dashboard/statements';
import { getPublicPetition } from './queries';
import { maskSmallFigures } from './small-figures';

// Open data about published petitions: counts only, never a name, an email or an address.

/** Confirmed signatures per hour (UTC) over a window of at most 31 days ending at `to`. */
export async function signaturesPerHour(slug: string, window: { to: Date; days: number }) {
  const petition = await getPublicPetition(slug);
  if (!petition) return null;
  const from = new Date(window.to.getTime() - window.days * 24 * 3600 * 1000);
  const rows = await readHourlySeries(petition.id, sql`${from.toISOString()}::timestamptz`, sql`${window.to.toISOString()}::timestamptz`);
  return {
    slug: petition.slug,
    from: from.toISOString(),
    to: window.to.toISOString(),
    hours: rows.map((r) => ({ hour: new Date(r.at).toISOString(), signatures: r.n })),
  };
}

/**
 * Confirmed signatures per country (ISO 3166-1 alpha-2). On an at-risk petition a country with fewer
 * signers than the threshold has `signatures: null` and `fewerThan` the threshold instead.
 */
export async function signaturesByCountry(slug: string) {
  const petition = await getPublicPetition(slug);
  if (!petition) return null;
  const rows = maskSmallFigures(
    (await readCountryCounts(petition.id)).map((r) => ({ country: r.key, count: r.n })),
    petition.atRisk,
  );
  return {
    slug: petition.slug,
    signatureCount: petition.signatureCount,
    countries: rows.map(({ country, count, fewerThan }) =>
      fewerThan === undefined ? { country, signatures: count } : { country, signatures: null, fewerThan },
    ),
  };
}

/** Slugs of open petitions with when they last changed, for the sitemap (public: a replica may serve it). */
export async function listOpenPetitionSlugs() {
  return readPublic((db) =>
    db
      .select({ slug: petitions.slug, updatedAt: petitions.updatedAt })
      .from(petitions)
      .where(and(eq(petitions.status, 'open'), isNull(petitions.hiddenAt)))
      .orderBy(desc(petitions.publishedAt))
      .limit(50_000),
  );
}
