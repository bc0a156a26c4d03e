import 'server-only';
import { organiserForApiKey } from '@/lib/api-keys/keys';
import { takeApiRequest } from '@/lib/api-keys/rate-limit';
import type { Organiser } from '@/lib/auth/session';
import { apiError, withErrorHandling } from '@/lib/http/json';

/**
 * A route of the organiser API: the caller's key from `Authorization: Bearer` (401 without a live
 * one), its per-minute allowance (429 with Retry-After), then the handler as that organiser; errors
 * answered as every route's (withErrorHandling).
 */
export function withApiKey<A extends unknown[]>(handler: (req: Request, actor: Organiser, ...rest: A) => Promise<Response>) {
  return withErrorHandling(async (req: Request, ...rest: A) => {
    const actor = await organiserForApiKey(req.headers.get('authorization'));
    if (!actor) return apiError(req, 401, 'unauthorized', 'api.apiKeyMissing', { headers: { 'www-authenticate': 'Bearer' } });
    const allowed = takeApiRequest(actor.keyId);
    if (!allowed.ok) return apiError(req, 429, 'rate_limited', 'api.rateLimited', { headers: { 'retry-after': String(allowed.retryAfter) } });
    return handler(req, actor, ...rest);
  });
}

/** A positive integer query parameter, `fallback` when absent, clamped to `max`; null when it is not a number. */
export function intParam(url: URL, name: string, fallback: number, max: number, min = 1): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n < min ? null : Math.min(n, max);
}
