import { apiError, json, openDataHeaders, withErrorHandling } from '@/lib/http/json';
import { signaturesByCountry } from '@/lib/petitions/open-data';

type Context = { params: Promise<{ slug: string }> };

/** Open data: confirmed signatures per country. */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const result = await signaturesByCountry(slug);
  if (!result) return apiError(req, 404, 'not_found', 'errors.petitionNotFound', { headers: openDataHeaders(30) });
  return json(result, { headers: openDataHeaders(60) });
});
