import 'server-only';
import { isDatabaseUnavailable } from '@/lib/http/json';
import { keptValues, type SignFormState } from './form-state';
import { signPetition } from './sign';

/**
 * The sign form's submission, with or without JavaScript: the same domain call as the JSON API,
 * answered as the state the form shows. Never throws for an outage: what was typed comes back.
 */
export async function submitSignatureForm(slug: string, values: Record<string, string | undefined>, ip: string | null): Promise<Exclude<SignFormState, { status: 'idle' }>> {
  try {
    const result = await signPetition(slug, values, { ip });
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
