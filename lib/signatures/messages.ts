import type { Translate } from '@/lib/i18n/translate';
import { questionLimits } from '@/lib/questions/limits';
import { signatureLimits, type FieldErrors } from './schemas';

const limits: Record<string, number | undefined> = signatureLimits;
// A question's answer (`answers.<id>`) has the answers' limit.
const limitFor = (field: string) => (field.startsWith('answers.') ? questionLimits.answer : limits[field]);

/** Field errors (message keys) as sentences in the reader's language. */
export function translateFieldErrors(errors: FieldErrors, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, keys] of Object.entries(errors)) {
    out[field] = (keys ?? []).map((key) => t(`validation.${key}`, { max: limitFor(field) ?? 0 }));
  }
  return out;
}
