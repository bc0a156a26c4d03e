import { z } from 'zod';
import { apiError, json, openDataHeaders, withErrorHandling, liveDataHeaders } from '@/lib/http/json';
import { getPublicPetition } from '@/lib/petitions/queries';

type Context = { params: Promise<{ slug: string }> };
type CountBody = { slug: string; signatureCount: number; goal: number; status: 'open' | 'closed'; at: string };

const params = z.object({ slug: z.string().max(120) });

/** The confirmed count alone: the cheapest thing to poll, cached for 5 s. */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = params.parse(await ctx.params);
  const petition = await getPublicPetition(slug);
  if (!petition) return apiError(req, 404, 'not_found', 'errors.petitionNotFound', { headers: openDataHeaders(30) });
  return json<CountBody>(
    { slug: petition.slug, signatureCount: petition.signatureCount, goal: petition.goal, status: petition.status, at: new Date().toISOString() },
    { headers: liveDataHeaders() },
  );
});
