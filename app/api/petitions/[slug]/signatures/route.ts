import { clientIpFrom } from '@/lib/http/client-ip';
import { isSameOriginPost } from '@/lib/http/origin';
import { apiError, apiTranslator, type ErrorBody, json, readJsonObject, withErrorHandling } from '@/lib/http/json';
import { translateFieldErrors } from '@/lib/signatures/messages';
import { signPetition } from '@/lib/signatures/sign';

type Context = { params: Promise<{ slug: string }> };

/** Sign a petition: the same domain call as the sign form. */
export const POST = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug } = await ctx.params;
  // Browsers on other sites do not sign through the API (the embed signs from its own page, on this
  // origin); servers and apps, which send no Origin, may.
  if (!isSameOriginPost(req)) return apiError(req, 403, 'forbidden', 'api.signFromPageOrEmbed');
  const body = await readJsonObject(req);
  const t = apiTranslator(req, body?.locale);
  if (!body) return json<ErrorBody>({ errors: { body: [t('errors.badRequest')] } }, { status: 400 });

  const result = await signPetition(slug, body, { ip: clientIpFrom(req.headers) });
  switch (result.status) {
    case 'pending_confirmation':
      return json({ status: 'pending_confirmation' as const }, { status: 202 });
    case 'invalid':
      return json<ErrorBody>({ errors: translateFieldErrors(result.errors, t) }, { status: 400 });
    case 'not_found':
      return json<ErrorBody>({ error: 'not_found', message: t('errors.petitionNotFound') }, { status: 404 });
    case 'closed':
      return json<ErrorBody>({ error: 'closed', message: t('errors.petitionClosed') }, { status: 409 });
  }
});
