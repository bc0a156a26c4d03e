// zod/mini: the same schema runs in the browser, where the full zod would cost ~25 KB of the page budget.
import * as z from 'zod/mini';
import { isCountryCode } from '@/lib/countries';
import { referralCodeFrom } from '@/lib/sharing/share-links';
import { defaultLocale, isLocale, locales } from '@/lib/i18n/locales';
import { emailAddress, optionalText, requiredText } from '@/lib/text/schema';

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
  // Attribution and language never block a signature: bad values are dropped.
  source: preprocess((v) => (typeof v === 'string' && /^[a-z0-9._-]{1,64}$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined), z.optional(z.string())),
  locale: preprocess((v) => (isLocale(v) ? v : defaultLocale), z.enum(locales)),
  ref: preprocess(referralCodeFrom, z.optional(z.string())),
  // The honeypot: a field people never see. Filled in means a bot; it is never an error (no hint to it).
  website: preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? true : undefined), z.optional(z.boolean())),
});

export type SignatureInput = z.output<typeof signatureInput>;

export function fieldErrorsOf(error: z.core.$ZodError): FieldErrors {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const out: FieldErrors = {};
  for (const [field, keys] of Object.entries(flat)) {
    if (keys?.length) out[field as SignatureField] = [...new Set(keys)];
  }
  return out;
}
