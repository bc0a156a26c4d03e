import { z } from 'zod';
import { isCountryCode } from '@/lib/countries';
import { formText } from '@/lib/http/form';
import { referralCodeFrom } from '@/lib/sharing/share-links';
import { defaultLocale, isLocale, locales } from '@/lib/i18n/locales';

/** Visible limits, shared by the form's counters and the validation messages. */
export const signatureLimits = { name: 100, email: 254, postcode: 20, comment: 500 } as const;

export type SignatureField = 'name' | 'email' | 'country' | 'postcode' | 'comment' | 'showName' | 'updates';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// Control characters and broken surrogates would corrupt pages and CSV exports.
const storable = (v: string) => v.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v);

const requiredText = (required: string) => z.string({ error: required }).trim().min(1, required);

const optionalText = (max: number, tooLong: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'invalid' })
      .trim()
      .max(max, tooLong)
      .refine(storable, 'invalid')
      .optional(),
  );

const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0'])], { error: 'invalid' })
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/**
 * What a supporter submits to sign: the same schema validates the form in the browser,
 * the server action and the JSON API. Messages are catalogue keys under `validation`.
 */
export const signatureInput = z.object({
  name: requiredText('nameRequired')
    .max(signatureLimits.name, 'nameTooLong')
    .refine(storable, 'nameInvalid')
    .transform((v) => v.replace(/\s+/g, ' ')),
  email: requiredText('emailRequired')
    .max(signatureLimits.email, 'emailTooLong')
    .pipe(z.email({ error: 'emailInvalid' })),
  country: requiredText('countryRequired')
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, 'countryInvalid'),
  postcode: optionalText(signatureLimits.postcode, 'postcodeTooLong'),
  comment: optionalText(signatureLimits.comment, 'commentTooLong'),
  showName: checkbox,
  updates: checkbox,
  // Attribution and language never block a signature: bad values are dropped.
  source: z.preprocess(
    (v) => (typeof v === 'string' && /^[a-z0-9._-]{1,64}$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined),
    z.string().optional(),
  ),
  locale: z.preprocess((v) => (isLocale(v) ? v : defaultLocale), z.enum(locales)),
  ref: z.preprocess(referralCodeFrom, z.string().optional()),
});

export type SignatureInput = z.output<typeof signatureInput>;

/** Field → message keys (deduplicated), from a failed parse. */
export type FieldErrors = Partial<Record<SignatureField, string[]>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const flat = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const out: FieldErrors = {};
  for (const [field, keys] of Object.entries(flat)) {
    if (keys?.length) out[field as SignatureField] = [...new Set(keys)];
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
    source: value('source'),
    locale: value('locale'),
    ref: value('ref'),
  };
}
