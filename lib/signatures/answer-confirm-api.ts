import 'server-only';
import { z } from 'zod';
import { apiError, json, readJsonObject, withErrorHandling } from '@/lib/http/json';
import { isSameOriginPost } from '@/lib/http/origin';
import { confirmSignature } from './confirm';

const confirmationInput = z.object({ token: z.string().max(64) });

type ConfirmBody = { status: 'confirmed' | 'already_confirmed'; slug: string; signatureCount: number };

/**
 * `POST /api/confirmations`: confirms a signature with the token from its email, the same domain
 * call as the confirmation page's button. The route handler and server.ts's hot-write router both
 * answer with this one function. Never throws.
 */
export const answerConfirmApi = withErrorHandling(async (req: Request): Promise<Response> => {
  if (!isSameOriginPost(req)) return apiError(req, 403, 'forbidden', 'api.confirmFromEmail');
  const parsed = confirmationInput.safeParse(await readJsonObject(req));
  if (!parsed.success) return apiError(req, 400, 'bad_request', 'api.confirmTokenMissing');
  const result = await confirmSignature(parsed.data.token);
  if (result.status === 'invalid') return apiError(req, 404, 'not_found', 'api.confirmLinkInvalid');
  return json<ConfirmBody>({ status: result.status, slug: result.petition.slug, signatureCount: result.petition.signatureCount });
});
