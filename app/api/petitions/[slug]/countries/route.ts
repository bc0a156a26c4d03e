import { json, openDataHeaders, withErrorHandling, type ErrorBody } from '@/lib/http/json';
import { signaturesByCountry } from '@/lib/petitions/open-data';

type Context = { params: Promise<{ slug: string }> };

/** Open data: confirmed signatures per country. */
export const GET = withErrorHandling(async (_req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const result = await signaturesByCountry(slug);
  if (!result) return json<ErrorBody>({ error: 'not_found', message: 'No petition at this address.' }, { status: 404, headers: openDataHeaders(30) });
  return json(result, { headers: openDataHeaders(60) });
});
