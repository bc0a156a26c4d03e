import 'server-only';
import { isDatabaseUnavailable } from '@/db/health';
import { keptValues, type SignFormState } from './form-state';
import { signPetition } from './sign';
import { resolveEmailSuggestion } from './suggest-email';

/**
 * The sign form's submission, with or without JavaScript: the same domain call as the JSON API,
 * answered as the state the form shows. Never throws for an outage: what was typed comes back.
 * An email whose domain looks like a typo of a common provider is asked about once, before
 * anything is sent; once the suggestion was shown for that address, the form is never held again.
 */
export async function submitSignatureForm(
  slug: string,
  values: Record<string, string | undefined>,
  ip: string | null,
): Promise<Exclude<SignFormState, { status: 'idle' }>> {
  const { emailChecked, useEmail, ...fields } = values;
  if (fields.email !== undefined) {
    const email = resolveEmailSuggestion(fields.email, emailChecked, useEmail);
    if ('ask' in email) return { status: 'suggest', suggestion: email.ask, values: keptValues(fields) };
    fields.email = email.email;
  }
  try {
    const result = await signPetition(slug, fields, { ip });
    switch (result.status) {
      case 'pending_confirmation':
        return { status: 'sent', email: result.email, slug: result.slug };
      case 'invalid':
        return { status: 'invalid', errors: result.errors, values: keptValues(fields) };
      case 'closed':
      case 'not_found':
        return { status: 'closed' };
    }
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable', values: keptValues(fields) };
    throw err;
  }
}
