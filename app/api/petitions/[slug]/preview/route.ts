import { apiError, withErrorHandling } from '@/lib/http/json';
import { isSlug } from '@/lib/petitions/slug';
import { petitionPreviewImage } from '@/lib/sharing/petition-preview';

type Context = { params: Promise<{ slug: string }> };

/** The link-preview card (PNG, 1200×630): title, target, live count and progress; `?locale=` picks the language. */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const locale = new URL(req.url).searchParams.get('locale');
  const image = isSlug(slug) ? await petitionPreviewImage(slug, locale) : null;
  if (!image) return apiError(req, 404, 'not_found', 'errors.petitionNotFound');
  const headers = {
    'content-type': 'image/png',
    etag: image.etag,
    // Short enough to follow the count, long enough that a CDN absorbs a surge of chat-app fetches.
    'cache-control': 'public, max-age=300, stale-while-revalidate=3600',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers.get('if-none-match') === image.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.png), { headers });
});
