'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { clientIpFrom } from '@/lib/http/client-ip';
import { isDatabaseUnavailable } from '@/lib/http/json';
import { keptValues, type ResendState, type SignFormState } from '@/lib/signatures/form-state';
import { queueAnotherSignatureEmail, RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { signatureFormValues } from '@/lib/signatures/schemas';
import { signPetition } from '@/lib/signatures/sign';

/** The sign form: the same domain call as POST /api/petitions/<slug>/signatures. */
export async function signAction(slug: string, _prev: SignFormState, form: FormData): Promise<SignFormState> {
  const values = signatureFormValues(form);
  try {
    const request = await headers();
    const result = await signPetition(slug, values, { ip: clientIpFrom(request) });
    // A browser without JavaScript posts the form itself (no Next-Action header): answer a signature
    // with a redirect to the shared "check your inbox" page, not a re-rendering of the whole petition
    // page (4× the cost in a surge). Errors still come back on the page, next to the fields; the
    // widget keeps its inline answer (the page it would go to cannot be framed).
    if (result.status === 'pending_confirmation' && !request.has('next-action') && values.source !== 'embed') {
      redirect(localizedPath(isLocale(values.locale) ? values.locale : defaultLocale, `/p/${slug}/signed`));
    }
    switch (result.status) {
      case 'pending_confirmation':
        return { status: 'sent', email: result.email };
      case 'invalid':
        return { status: 'invalid', errors: result.errors, values: keptValues(values) };
      case 'closed':
      case 'not_found':
        return { status: 'closed' };
    }
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable', values: keptValues(values) };
    throw err;
  }
}

/** "Send it again": rate-limited per signature, and silent about whether the address signed. */
export async function resendAction(slug: string, _prev: ResendState, form: FormData): Promise<ResendState> {
  const email = form.get('email');
  if (typeof email !== 'string' || email.length > 254) return { status: 'resent' };
  try {
    await queueAnotherSignatureEmail({ slug }, email, { minIntervalSeconds: RESEND_INTERVAL_SECONDS });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable' };
    throw err;
  }
  return { status: 'resent' };
}
