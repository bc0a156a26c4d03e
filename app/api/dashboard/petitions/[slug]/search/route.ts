import { readForm } from '@/lib/http/body-limit';
import { apiError, withErrorHandling } from '@/lib/http/json';
import { isSameOriginPost } from '@/lib/http/origin';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { signerSearchCookie } from '@/lib/dashboard/signer-search';
import { isSlug } from '@/lib/petitions/slug';

type Context = { params: Promise<{ slug: string }> };

/**
 * The dashboard's signer search (`q`, and the page's `locale`), posted so that what was typed stays out
 * of every address: answered with a 303 back to the petition's dashboard page, the search in a cookie
 * scoped to that page (lib/dashboard/signer-search.ts). The page checks who may see what, as always.
 */
export const POST = withErrorHandling(async (req: Request, ctx: Context) => {
  if (!isSameOriginPost(req)) return apiError(req, 403, 'forbidden', 'api.searchFromDashboard');
  const { slug } = await ctx.params;
  if (!isSlug(slug)) return apiError(req, 404, 'not_found', 'api.notYourPetition');
  const form = await readForm(req);
  const field = form?.get('locale');
  const page = localizedPath(isLocale(field) ? field : defaultLocale, `/dashboard/petitions/${slug}`);
  return new Response(null, {
    status: 303,
    headers: { location: `${page}#signers-title`, 'cache-control': 'no-store', 'set-cookie': signerSearchCookie(form?.get('q'), page) },
  });
});
