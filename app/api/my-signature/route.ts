import { apiError, json, withErrorHandling } from '@/lib/http/json';
import { readForm } from '@/lib/http/body-limit';
import { isSameOriginPost } from '@/lib/http/origin';
import { exportSignerData } from '@/lib/signatures/self-service';

/** A signer's data as a JSON download: a form post from their own page, the emailed token as credential. */
export const POST = withErrorHandling(async (req: Request) => {
  if (!isSameOriginPost(req)) return apiError(req, 403, 'forbidden', 'api.signerPageOnly');
  const form = await readForm(req);
  const token = form?.get('token');
  const data = typeof token === 'string' ? await exportSignerData(token) : null;
  if (!data) return apiError(req, 404, 'not_found', 'api.linkGone');
  return json(data, { headers: { 'content-disposition': 'attachment; filename="undersign-signature.json"', 'cache-control': 'no-store' } });
});
