import { serialize } from 'cookie';
import { getEnv } from '@/lib/env';
import { normaliseQuery } from '@/lib/text/query';

// The organiser's search of a petition's signers travels in a cookie scoped to that petition's
// dashboard page, never in its address: a name or an email typed there would otherwise sit in the
// browser's history, in the server's and any proxy's access logs, and in the Referer of the next
// request. The search form posts it (app/api/dashboard/petitions/[slug]/search); the page reads it.

/** The cookie holding the search, on the dashboard page's own path. */
export const SIGNER_SEARCH_COOKIE = 'signer_search';
/** Seconds a search stays applied to the page (its auto-refresh keeps showing the same results meanwhile). */
export const SIGNER_SEARCH_SECONDS = 1_800;

/** The Set-Cookie value that applies `q` (normalised; empty clears the search) to the page at `pagePath`. */
export function signerSearchCookie(q: unknown, pagePath: string): string {
  const query = normaliseQuery(q);
  return serialize(SIGNER_SEARCH_COOKIE, query, {
    path: pagePath,
    maxAge: query ? SIGNER_SEARCH_SECONDS : 0,
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().appUrl.startsWith('https:'),
  });
}
