import { apiError, json } from '@/lib/http/json';
import { listSignersForApi, SIGNERS_PAGE } from '@/lib/organiser-api/read';
import { intParam, withApiKey } from '@/lib/organiser-api/route';

type Context = { params: Promise<{ slug: string }> };

/** A page of the petition's consenting signers: ?cursor=<next_cursor>&limit=<1…1000>. */
export const GET = withApiKey(async (req, actor, ctx: Context) => {
  const { slug } = await ctx.params;
  const url = new URL(req.url);
  const limit = intParam(url, 'limit', SIGNERS_PAGE.default, SIGNERS_PAGE.max);
  const cursor = intParam(url, 'cursor', 0, Number.MAX_SAFE_INTEGER, 0);
  if (limit === null || cursor === null) return apiError(req, 400, 'invalid', 'api.badPaging');
  const page = await listSignersForApi(actor, slug, { cursor, limit });
  if (!page) return apiError(req, 404, 'not_found', 'api.notYourPetition');
  return json(page);
});
