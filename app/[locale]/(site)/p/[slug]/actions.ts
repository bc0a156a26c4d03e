'use server';

import { headers } from 'next/headers';
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
    const result = await signPetition(slug, values, { ip: clientIpFrom(await headers()) });
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
