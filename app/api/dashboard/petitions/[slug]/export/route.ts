import { getCurrentOrganiser } from '@/lib/auth/session';
import { exportSignatures } from '@/lib/exports/signatures';
import { apiError, withErrorHandling } from '@/lib/http/json';

type Context = { params: Promise<{ slug: string }> };

/** CSV of a petition's signatures for its organisers: ?scope=all includes every status. */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const scope = new URL(req.url).searchParams.get('scope') === 'all' ? 'all' : 'confirmed';
  const result = await exportSignatures(await getCurrentOrganiser(), slug, scope);
  if (!result) return apiError(req, 404, 'not_found', 'api.notYourPetition');
  return new Response(result.stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.filename}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
