import { apiError, json } from '@/lib/http/json';
import { OSDI_PAGE, osdiSignaturesForApi } from '@/lib/organiser-api/read';
import { intParam, withApiKey } from '@/lib/organiser-api/route';

type Context = { params: Promise<{ slug: string }> };

/** The petition's consenting signers as an OSDI signatures collection: ?page=<1…>&per_page=<1…100>. */
export const GET = withApiKey(async (req, actor, ctx: Context) => {
  const { slug } = await ctx.params;
  const url = new URL(req.url);
  const perPage = intParam(url, 'per_page', OSDI_PAGE.default, OSDI_PAGE.max);
  const page = intParam(url, 'page', 1, 1_000_000);
  if (perPage === null || page === null) return apiError(req, 400, 'invalid', 'api.badPaging');
  const body = await osdiSignaturesForApi(actor, slug, { page, perPage }, url);
  if (!body) return apiError(req, 404, 'not_found', 'api.notYourPetition');
  const res = json(body);
  // OSDI is HAL: its media type, over json()'s default.
  res.headers.set('content-type', 'application/hal+json; charset=utf-8');
  return res;
});
