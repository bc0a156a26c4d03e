import type { AskedQuestion } from '@/lib/questions/answers-schema';
import { fieldErrorsOf, signatureInputFor } from './schemas';
import { signatureFormValues, type FieldErrors } from './fields';

/** The browser's check of the sign form, with the server's schema built from the same questions: null when it would be accepted. */
export function validateSignatureForm(form: FormData, questions: readonly AskedQuestion[] = []): FieldErrors | null {
  const parsed = signatureInputFor(questions).safeParse(signatureFormValues(form));
  return parsed.success ? null : fieldErrorsOf(parsed.error);
}
