'use server';

import type { ResponseFormState } from '@/lib/responses/action-state';
import { respondByLink } from '@/lib/responses/respond-by-link';
import { responseFormValues } from '@/lib/responses/schemas';

/** A target's response through its emailed link (the token is the credential; single-use). */
export async function respondAction(token: string, _prev: ResponseFormState, form: FormData): Promise<ResponseFormState> {
  const values = responseFormValues(form);
  const result = await respondByLink(token, values);
  if (result.status === 'invalid')
    return {
      status: 'invalid',
      errors: result.errors,
      values: { body: typeof values.body === 'string' ? values.body : '', sourceUrl: typeof values.sourceUrl === 'string' ? values.sourceUrl : '' },
    };
  return result.status === 'sent' ? { status: 'done' } : { status: 'used' };
}
