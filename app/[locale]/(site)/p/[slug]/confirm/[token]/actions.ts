'use server';

import { isDatabaseUnavailable } from '@/db/health';
import { confirmSignature } from '@/lib/signatures/confirm';
import type { ConfirmState } from '@/lib/signatures/form-state';

/** Confirms with a POST, never on GET: mail scanners fetch links but do not submit forms. */
export async function confirmAction(token: string, _prev: ConfirmState, _form: FormData): Promise<ConfirmState> {
  try {
    const result = await confirmSignature(token);
    if (result.status === 'invalid') return { status: 'invalid' };
    return {
      status: result.status,
      title: result.petition.title,
      slug: result.petition.slug,
      signatureCount: result.petition.signatureCount,
      referralCode: result.referral.code,
      referrals: result.referral.count,
    };
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable' };
    throw err;
  }
}
