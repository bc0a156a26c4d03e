import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { apiError, json, openDataHeaders, withErrorHandling } from '@/lib/http/json';
import { getPublicPetition } from '@/lib/petitions/queries';
import { oembedFor, petitionFromUrl, type OembedRich } from '@/lib/sharing/oembed';

const oembedQuery = z.object({
  url: z.string().max(2048),
  format: z.enum(['json']).default('json'),
  maxwidth: z.coerce.number().int().positive().optional(),
  maxheight: z.coerce.number().int().positive().optional(),
});

/** oEmbed provider (https://oembed.com): a petition URL in, the widget's embed HTML out. */
export const GET = withErrorHandling(async (req: Request) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  if (params.format && params.format !== 'json') {
    return apiError(req, 501, 'not_implemented', 'api.oembedJsonOnly');
  }
  const parsed = oembedQuery.safeParse(params);
  if (!parsed.success) return apiError(req, 400, 'bad_request', 'api.oembedUrlMissing');
  const appUrl = getEnv().appUrl;
  const target = petitionFromUrl(parsed.data.url, appUrl);
  const petition = target ? await getPublicPetition(target.slug, target.locale) : null;
  if (!target || !petition) return apiError(req, 404, 'not_found', 'api.oembedNotFound');
  return json<OembedRich>(
    oembedFor({ slug: petition.slug, title: petition.title, locale: target.locale }, appUrl, { width: parsed.data.maxwidth, height: parsed.data.maxheight }),
    { headers: openDataHeaders(300) },
  );
});
