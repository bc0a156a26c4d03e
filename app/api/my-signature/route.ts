import { json, withErrorHandling, type ErrorBody } from '@/lib/http/json';
import { readForm } from '@/lib/http/body-limit';
import { isSameOriginPost } from '@/lib/http/origin';
import { exportSignerData } from '@/lib/signatures/self-service';

/** A signer's data as a JSON download: a form post from their own page, the emailed token as credential. */
export const POST = withErrorHandling(async (req: Request) => {
  if (!isSameOriginPost(req)) return json<ErrorBody>({ error: 'forbidden', message: 'Use the button on your signature page.' }, { status: 403 });
  const form = await readForm(req);
  const token = form?.get('token');
  const data = typeof token === 'string' ? await exportSignerData(token) : null;
  if (!data) return json<ErrorBody>({ error: 'not_found', message: 'This link does not work any more.' }, { status: 404 });
  return json(data, { headers: { 'content-disposition': 'attachment; filename="undersign-signature.json"', 'cache-control': 'no-store' } });
});
