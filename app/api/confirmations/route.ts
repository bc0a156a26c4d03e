import { z } from 'zod';
import { json, readJsonObject, withErrorHandling, type ErrorBody } from '@/lib/http/json';
import { isSameOriginPost } from '@/lib/http/origin';
import { confirmSignature } from '@/lib/signatures/confirm';

const confirmationInput = z.object({ token: z.string().max(64) });

type ConfirmBody = { status: 'confirmed' | 'already_confirmed'; slug: string; signatureCount: number };

/** Confirms a signature with the token from its email: the same domain call as the confirmation page's button. */
export const POST = withErrorHandling(async (req: Request) => {
  if (!isSameOriginPost(req)) return json<ErrorBody>({ error: 'forbidden', message: 'Confirm from the link in the email.' }, { status: 403 });
  const parsed = confirmationInput.safeParse(await readJsonObject(req));
  if (!parsed.success) return json<ErrorBody>({ error: 'bad_request', message: 'Send {"token": "…"} from the confirmation link.' }, { status: 400 });
  const result = await confirmSignature(parsed.data.token);
  if (result.status === 'invalid') return json<ErrorBody>({ error: 'not_found', message: 'This link has expired or does not exist.' }, { status: 404 });
  return json<ConfirmBody>({ status: result.status, slug: result.petition.slug, signatureCount: result.petition.signatureCount });
});
