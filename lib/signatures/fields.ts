import { formText } from '@/lib/http/form';

// The sign form's fields and limits without the validator itself, so the page can render the form
// (counters, hints) before the schema is loaded.

/** Visible limits, shared by the form's counters and the validation messages. */
export const signatureLimits = { name: 100, email: 254, postcode: 20, comment: 500 } as const;

export type SignatureField =
  | 'name'
  | 'email'
  | 'country'
  | 'postcode'
  | 'comment'
  | 'showName'
  | 'updates'
  | 'partner'
  /** The answers as a whole (answers to questions the petition does not ask). */
  | 'answers'
  /** One question's answer (lib/questions/limits.ts answerField). */
  | `answers.${string}`;

/** Field → message keys (deduplicated), from a failed parse. */
export type FieldErrors = Partial<Record<SignatureField, string[]>>;

/** The most question fields read from one form (a form has at most 5 questions; the rest is noise). */
const MAX_ANSWER_FIELDS = 10;

/**
 * The answers to the petition's questions, as the form posts them (`answers.<question id>`): one
 * value each, the ticked boxes of a several-choice question joined by commas (choice ids have none).
 */
function answerValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  let fields = 0;
  for (const [key, value] of form) {
    if (!key.startsWith('answers.') || typeof value !== 'string') continue;
    if (key in out) out[key] += `,${value}`;
    else if (++fields > MAX_ANSWER_FIELDS) break;
    else out[key] = value;
  }
  return out;
}

/** Reads a sign form's FormData into the plain object the schema expects. */
export function signatureFormValues(form: FormData): Record<string, string | undefined> {
  const value = (k: string) => formText(form, k);
  return {
    name: value('name'),
    email: value('email'),
    country: value('country'),
    postcode: value('postcode'),
    comment: value('comment'),
    showName: value('showName'),
    updates: value('updates'),
    partner: value('partner'),
    ...answerValues(form),
    source: value('source'),
    locale: value('locale'),
    ref: value('ref'),
    website: value('website'),
    // The email-typo suggestion (lib/signatures/suggest-email.ts): the address it was shown for,
    // and the corrected address when "Use …" was pressed without JavaScript. Not signature fields.
    emailChecked: value('emailChecked'),
    useEmail: value('useEmail'),
  };
}
