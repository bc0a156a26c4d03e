import { z } from 'zod';
import { apiError, json, openDataHeaders, withErrorHandling } from '@/lib/http/json';
import { signaturesPerHour } from '@/lib/petitions/open-data';

type Context = { params: Promise<{ slug: string }> };

const query = z.object({
  days: z.coerce.number().int().min(1).max(31).catch(7),
  to: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

/** Open data: confirmed signatures per hour (UTC), `?days=1..31` ending at `?to=` (default now). */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const series = await signaturesPerHour(slug, { to: q.to ? new Date(q.to) : new Date(), days: q.days });
  if (!series) return apiError(req, 404, 'not_found', 'errors.petitionNotFound', { headers: openDataHeaders(30) });
  return json(series, { headers: openDataHeaders(60) });
});
