import 'server-only';
import { clientIpFrom } from '@/lib/http/client-ip';
import { isSameOriginPost } from '@/lib/http/origin';
import { apiError, apiTranslator, type ErrorBody, json, readJsonObject, withErrorHandling } from '@/lib/http/json';
import { translateFieldErrors } from './messages';
import { signPetition } from './sign';

/**
 * `POST /api/petitions/<slug>/signatures`: the JSON sign API, answered in full (origin check, body
 * limit, validation, the domain call, localized errors). The route handler and server.ts's hot-write
 * router both answer with this one function, so the two paths cannot drift apart. Never throws.
 */
export const answerSignApi = withErrorHandling(async (req: Request, slug: string): Promise<Response> => {
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
