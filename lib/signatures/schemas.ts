// zod/mini: the same schema runs in the browser, where the full zod would cost ~25 KB of the page budget.
import * as z from 'zod/mini';
import { isCountryCode } from '@/lib/countries';
import { referralCodeFrom } from '@/lib/sharing/share-links';
import { defaultLocale, isLocale, locales } from '@/lib/i18n/locales';
import { emailAddress, optionalText, requiredText } from '@/lib/text/schema';

import { answersSchemaFor, gatherAnswers, type AskedQuestion } from '@/lib/questions/answers-schema';
import { signatureLimits, type FieldErrors, type SignatureField } from './fields';
import { nameProblem } from './name-rule';

export { signatureFormValues, signatureLimits, type FieldErrors, type SignatureField } from './fields';

const preprocess = <T extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: T) => z.pipe(z.transform(fn), schema);

const requiredChoice = (required: string) => z.string({ error: required }).check(z.trim(), z.minLength(1, required));

const checkbox = z.pipe(
  z.optional(z.union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0'])], { error: 'invalid' })),
  z.transform((v) => v === true || v === 'on' || v === 'true' || v === '1'),
);

/**
 * What a supporter submits to sign: the same schema validates the form in the browser,
 * the server action and the JSON API. Messages are catalogue keys under `validation`.
 */
export const signatureInput = z.object({
  // One line, something visible with a letter in it, and nothing that could carry a message into
  // the confirmation email's greeting (lib/signatures/name-rule.ts).
  name: requiredText({ max: signatureLimits.name, required: 'nameRequired', tooLong: 'nameTooLong', invalid: 'nameInvalid' }).check(
    z.superRefine((v, ctx) => {
      const problem = nameProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
    }),
  ),
  email: emailAddress({ required: 'emailRequired', invalid: 'emailInvalid', tooLong: 'emailTooLong' }),
  // Upper-cased and checked only once present, so an empty choice reports one message, not two.
  country: z.pipe(requiredChoice('countryRequired'), z.string().check(z.toUpperCase(), z.refine(isCountryCode, 'countryInvalid'))),
  postcode: optionalText({ max: signatureLimits.postcode, tooLong: 'postcodeTooLong' }),
  comment: optionalText({ max: signatureLimits.comment, tooLong: 'commentTooLong', multiline: true }),
  showName: checkbox,
  updates: checkbox,
  // The partner organisation's opt-in (lib/questions): ignored where the petition offers none.
  partner: checkbox,
  // Answers to the petition's questions: none asked here; signatureInputFor builds the schema with them.
  answers: answersSchemaFor([]),
  // Attribution and language never block a signature: bad values are dropped.
  source: preprocess((v) => (typeof v === 'string' && /^[a-z0-9._-]{1,64}$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined), z.optional(z.string())),
  locale: preprocess((v) => (isLocale(v) ? v : defaultLocale), z.enum(locales)),
  ref: preprocess(referralCodeFrom, z.optional(z.string())),
  // The honeypot: a field people never see. Filled in means a bot; it is never an error (no hint to it).
  website: preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? true : undefined), z.optional(z.boolean())),
});

export type SignatureInput = z.output<typeof signatureInput>;

type SignatureSchema = z.ZodMiniType<SignatureInput>;

const withoutQuestions: SignatureSchema = z.pipe(z.transform(gatherAnswers), signatureInput);
const built = new WeakMap<readonly AskedQuestion[], SignatureSchema>();

/**
 * The sign form's schema for a petition, built from its questions (lib/questions/answers-schema.ts):
 * the browser's check, the server action, the no-JavaScript form and the JSON API all use it. Takes
 * the form's flat `answers.<id>` fields or the API's `answers` object. Built once per list of questions.
 */
export function signatureInputFor(questions: readonly AskedQuestion[]): SignatureSchema {
  if (questions.length === 0) return withoutQuestions;
  let schema = built.get(questions);
  if (!schema) built.set(questions, (schema = z.pipe(z.transform(gatherAnswers), z.extend(signatureInput, { answers: answersSchemaFor(questions) }))));
  return schema;
}

/** Field → message keys (deduplicated); one question's answer is the field `answers.<question id>`. */
export function fieldErrorsOf(error: z.core.$ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    if (typeof first !== 'string') continue;
    const field = (first === 'answers' && typeof second === 'string' ? `answers.${second}` : first) as SignatureField;
    const keys = (out[field] ??= []);
    if (!keys.includes(issue.message)) keys.push(issue.message);
  }
  return out;
}
