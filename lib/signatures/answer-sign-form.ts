import 'server-only';
import { serialize } from 'cookie';
import { clientIpFrom } from '@/lib/http/client-ip';
import { readForm, type BodyTooLarge } from '@/lib/http/body-limit';
import { apiTranslator, bodyTooLarge } from '@/lib/http/json';
import { isSameOriginPost } from '@/lib/http/origin';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { getEnv } from '@/lib/env';
import { findCurrentSlug } from '@/lib/petitions/queries';
import { encodeSignedFlash, encodeSignFormFlash, SIGN_FORM_FLASH_COOKIE, SIGN_FORM_FLASH_SECONDS, SIGNED_FLASH_COOKIE } from './form-flash';
import { signatureFormValues } from './schemas';
import { submitSignatureForm } from './submit-form';

// A relative Location: behind a proxy, the request's own URL may name an internal host.
// (A plain Response, not NextResponse: server.ts runs this outside Next too.)
const seeOther = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) } });

/**
 * `POST /api/petitions/<slug>/sign`: the petition page's sign form as a browser without JavaScript
 * posts it (with JavaScript the same form calls the server action; `locale` is one of its fields):
 * the same domain call, answered with a redirect to the "check your inbox" page (the address the
 * email went to follows in a cookie for that page alone), or back to the form with what was typed
 * and what went wrong, or with a suggestion for a mistyped email domain. Never a 500 for an outage:
 * that too goes back to the form, with the values kept. The route handler and server.ts's hot-write
 * router both answer with this one function.
 */
export async function answerSignForm(req: Request, slug: string): Promise<Response> {
  // Server actions get this check from Next; a form on another site must not sign for its visitors.
  if (!isSameOriginPost(req))
    return new Response(apiTranslator(req)('api.signFromPage'), {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'accept-language' },
    });
  let form: FormData | null;
  try {
    form = await readForm(req);
  } catch (err) {
    return bodyTooLarge(req, err as BodyTooLarge);
  }
  const field = form?.get('locale');
  const locale = isLocale(field) ? field : defaultLocale;
  const page = localizedPath(locale, `/p/${slug}`);
  if (!form) return seeOther(page);

  const state = await submitSignatureForm(slug, { ...signatureFormValues(form), locale }, clientIpFrom(req.headers));
  const signed = state.status === 'sent';
  // A form left open before the petition was renamed posts to its old address: the answer goes to
  // the petition's current address, where the page can read the cookie (its path is that page's).
  // Signed, the signing statement named it (no other query on the hot path); sent back to the form,
  // it is looked up; not found, or the database down: the address as posted.
  const current = localizedPath(locale, `/p/${signed ? state.slug : ((await findCurrentSlug(slug).catch(() => null)) ?? slug)}`);
  const cookie = serialize(signed ? SIGNED_FLASH_COOKIE : SIGN_FORM_FLASH_COOKIE, signed ? encodeSignedFlash(state.email) : encodeSignFormFlash(state), {
    path: signed ? `${current}/signed` : current,
    maxAge: SIGN_FORM_FLASH_SECONDS,
    expires: new Date(Date.now() + SIGN_FORM_FLASH_SECONDS * 1000),
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().appUrl.startsWith('https:'),
  });
  return seeOther(signed ? `${current}/signed` : `${current}#sign-title`, cookie);
}
