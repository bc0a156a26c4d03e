import { fieldErrorsOf, signatureInput } from './schemas';
import { signatureFormValues, type FieldErrors } from './fields';

/** The browser's check of the sign form, with the server's schema: null when it would be accepted. */
export function validateSignatureForm(form: FormData): FieldErrors | null {
  const parsed = signatureInput.safeParse(signatureFormValues(form));
  return parsed.success ? null : fieldErrorsOf(parsed.error);
}
