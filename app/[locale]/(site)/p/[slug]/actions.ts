'use server';

import { headers } from 'next/headers';
import { clientIpFrom } from '@/lib/http/client-ip';
import { isDatabaseUnavailable } from '@/lib/http/json';
import type { ResendState, SignFormState } from '@/lib/signatures/form-state';
import { queueAnotherSignatureEmail } from '@/lib/signatures/resend';
import { signatureFormValues, signatureInput } from '@/lib/signatures/schemas';
import { submitSignatureForm } from '@/lib/signatures/submit-form';

/**
 * The sign form with JavaScript, and the widget's form with or without it (its page is framed, so
 * it answers inline); without JavaScript the petition page's form posts to /api/petitions/<slug>/sign.
 */
export async function signAction(slug: string, _prev: SignFormState, form: FormData): Promise<SignFormState> {
  return submitSignatureForm(slug, signatureFormValues(form), clientIpFrom(await headers()));
}

/** "Send it again": rate-limited per signature and per network, and silent about whether the address signed. */
export async function resendAction(slug: string, _prev: ResendState, form: FormData): Promise<ResendState> {
  // The sign form's own email check: the same address (a Unicode domain as its punycode), and nothing
  // the database cannot take. An address that could not have signed gets the same answer.
  const email = signatureInput.shape.email.safeParse(form.get('email'));
  if (!email.success) return { status: 'resent' };
  try {
    await queueAnotherSignatureEmail({ slug }, email.data, { ip: clientIpFrom(await headers()) });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable' };
    throw err;
  }
  return { status: 'resent' };
}
