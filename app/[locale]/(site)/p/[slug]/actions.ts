'use server';

import { headers } from 'next/headers';
import { clientIpFrom } from '@/lib/http/client-ip';
import type { ResendState, SignFormState } from '@/lib/signatures/form-state';
import { requestAnotherSignatureEmail } from '@/lib/signatures/request-resend';
import { signatureFormValues } from '@/lib/signatures/schemas';
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
  return requestAnotherSignatureEmail(slug, form.get('email'), clientIpFrom(await headers()));
}
