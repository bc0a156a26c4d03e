// zod/mini: the same schema runs in the browser, where the full zod would cost ~25 KB of the page budget.
import * as z from 'zod/mini';
import { isCountryCode } from '@/lib/countries';
import { referralCodeFrom } from '@/lib/sharing/share-links';
import { isStorableText } from '@/lib/text/storable';
import { defaultLocale, isLocale, locales } from '@/lib/i18n/locales';

import { signatureLimits, type FieldErrors, type SignatureField } from './fields';

export { signatureFormValues, signatureLimits, type FieldErrors, type SignatureField } from './fields';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const storable = isStorableText;

const preprocess = <T extends z.ZodMiniType>(fn: (v: unknown) => unknown, schema: T) => z.pipe(z.transform(fn), schema);

const requiredText = (required: string) => z.string({ error: required }).check(z.trim(), z.minLength(1, required));

const optionalText = (max: number, tooLong: string) =>
  preprocess(emptyToUndefined, z.optional(z.string({ error: 'invalid' }).check(z.trim(), z.maxLength(max, tooLong), z.refine(storable, 'invalid'))));

const checkbox = z.pipe(
  z.optional(z.union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0'])], { error: 'invalid' })),
  z.transform((v) => v === true || v === 'on' || v === 'true' || v === '1'),
);

/**
 * What a supporter submits to sign: the same schema validates the form in the browser,
 * the server action and the JSON API. Messages are catalogue keys under `validation`.
 */
export const signatureInput = z.object({
  name: requiredText('nameRequired').check(
    z.maxLength(signatureLimits.name, 'nameTooLong'),
    z.refine(storable, 'nameInvalid'),
    z.overwrite((v) => v.replace(/\s+/g, ' ')),
  ),
  email: z.pipe(requiredText('emailRequired').check(z.maxLength(signatureLimits.email, 'emailTooLong')), z.email({ error: 'emailInvalid' })),
  // Upper-cased and checked only once present, so an empty choice reports one message, not two.
  country: z.pipe(requiredText('countryRequired'), z.string().check(z.toUpperCase(), z.refine(isCountryCode, 'countryInvalid'))),
  postcode: optionalText(signatureLimits.postcode, 'postcodeTooLong'),
  comment: optionalText(signatureLimits.comment, 'commentTooLong'),
  showName: checkbox,
  updates: checkbox,
  // Attribution and language never block a signature: bad values are dropped.
  source: preprocess(
    (v) => (typeof v === 'string' && /^[a-z0-9._-]{1,64}$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined),
    z.optional(z.string()),
  ),
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
