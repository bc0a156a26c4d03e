import type { MetadataRoute } from 'next';
import { getEnv } from '@/lib/env';
import { locales } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { listOpenPetitionSlugs } from '@/lib/petitions/open-data';

export const dynamic = 'force-dynamic';

/** Open petitions only, each with its language versions; drafts, dashboards and token links are never listed. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const appUrl = getEnv().appUrl;
  const petitions = await listOpenPetitionSlugs();
  return [
    { url: `${appUrl}/`, changeFrequency: 'hourly', priority: 0.5 },
    ...petitions.map((p) => ({
      url: `${appUrl}/p/${p.slug}`,
      lastModified: p.updatedAt,
      changeFrequency: 'hourly' as const,
      priority: 1,
      alternates: { languages: Object.fromEntries(locales.map((l) => [l, appUrl + localizedPath(l, `/p/${p.slug}`)])) },
    })),
  ];
}
