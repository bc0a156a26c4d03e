import 'server-only';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';
import { localizedPath } from '@/lib/i18n/paths';
import { getPublicPetition, type Petition } from './queries';

type Query = Record<string, string | string[] | undefined>;

/** getPublicPetition once per request: a page and its metadata share the lookup. */
export const publicPetitionFor = cache(getPublicPetition);

/**
 * The published petition a public page under /p/<slug> shows, or a 404. At an address the petition
 * had before a rename, redirects permanently (308) to the same page at its current address, keeping
 * the language prefix and the query (?source=, ?ref=). `rest` is the page's path after the slug
 * ('', '/embed', '/confirm/<token>').
 */
export async function petitionForPage(slug: string, locale: string, rest: string, query: Query): Promise<Petition> {
  const petition = await publicPetitionFor(slug, locale);
  if (!petition) notFound();
  if (petition.slug !== slug) permanentRedirect(localizedPath(locale, `/p/${petition.slug}${rest}`) + queryString(query));
  return petition;
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of ([] as (string | undefined)[]).concat(value)) if (v !== undefined) params.append(name, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
