import { getCurrentOrganiser } from '@/lib/auth/session';
import { exportSignatures } from '@/lib/exports/signatures';
import { apiError, withErrorHandling } from '@/lib/http/json';
import { findPetitionForOrganiser } from '@/lib/organisers/access';

type Context = { params: Promise<{ slug: string }> };

/**
 * CSV of a petition's signatures for its organisers: ?scope=all includes every status;
 * ?purpose=partner lists only the confirmed signers who agreed to the partner organisation's contact.
 * An at-risk petition has none to give: 409 saying so, not the 404 of someone else's petition.
 */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const query = new URL(req.url).searchParams;
  const scope = query.get('scope') === 'all' ? 'all' : 'confirmed';
  const actor = await getCurrentOrganiser();
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return apiError(req, 404, 'not_found', 'api.notYourPetition');
  if (petition.atRisk) return apiError(req, 409, 'at_risk', 'api.atRiskNoExport');
  const result = await exportSignatures(actor, slug, scope, query.get('purpose') === 'partner' ? 'partner' : 'signatures');
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
