import { getEnv } from '@/lib/env';

/**
 * For route handlers that accept form posts (server actions get this check from Next): the request
 * must come from one of this site's own pages. Browsers send Origin on every cross-site POST; a
 * request without one did not come from a browser form on another site.
 */
export function isSameOriginPost(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === null) return req.headers.get('sec-fetch-site') !== 'cross-site';
  const own = new URL(getEnv().appUrl).origin;
  const host = req.headers.get('host');
  return origin === own || (host !== null && (origin === `http://${host}` || origin === `https://${host}`));
}
