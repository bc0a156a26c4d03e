import { apiError, withErrorHandling } from '@/lib/http/json';
import { getCoverImage } from '@/lib/petitions/cover';
import { isSlug } from '@/lib/petitions/slug';

type Context = { params: Promise<{ slug: string }> };

/** A published petition's cover image (re-encoded on upload, so safe to serve as is). */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  const image = isSlug(slug) ? await getCoverImage(slug) : null;
  if (!image) return apiError(req, 404, 'not_found', 'api.coverNotFound');
  const etag = `"${image.updatedAt.getTime().toString(36)}"`;
  const headers = {
    'content-type': image.contentType,
    etag,
    'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.data), { headers });
});
