import { z } from 'zod';
import { asciiEmail, isEmailAddress, text as normalisedText } from '@/lib/text/schema';
import { normaliseText } from '@/lib/text/normalise';

/** Limits shown beside the editor's target fields and enforced on the server. */
export const targetLimits = { name: 200, role: 200, email: 254, targets: 10 } as const;

/** Languages a target can be written to in (the database's check constraint on petition_targets holds the same list). Not imported from db/schema, which would bring the schema into the browser's bundle. */
export const targetLanguages = ['en', 'ar', 'fa'] as const;
export type TargetLanguage = (typeof targetLanguages)[number];

const text = (max: number, tooLong: string) => z.preprocess((v) => (typeof v === 'string' ? v : ''), normalisedText({ max, tooLong }));

/**
 * One target as the editor submits it (messages are catalogue keys under `editor.errors`). An empty
 * email means "no delivery by email"; a typed one must be an address the platform can mail.
 */
export const targetInput = z
  .object({
    /** An existing target's id (kept, so its deliveries and responses stay attached); empty for a new one. */
    id: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), z.uuid({ error: 'invalid' }).optional()),
    name: text(targetLimits.name, 'targetTooLong'),
    role: text(targetLimits.role, 'targetRoleTooLong'),
    email: z.preprocess(
      (v) => (typeof v === 'string' ? asciiEmail(normaliseText(v)) : ''),
      z
        .string()
        .max(targetLimits.email, 'targetEmailInvalid')
        .refine((v) => v === '' || isEmailAddress(v), 'targetEmailInvalid'),
    ),
    language: z.enum(targetLanguages, { error: 'invalid' }).catch('en'),
  })
  .refine((t) => t.name !== '' || (t.role === '' && t.email === ''), { message: 'targetNameRequired' });

/** The petition's targets in order; rows left entirely empty are dropped. */
export const targetsInput = z
  .array(targetInput)
  .transform((list) => list.filter((t) => t.name !== ''))
  .refine((list) => list.length <= targetLimits.targets, 'tooManyTargets');

export type TargetDraft = z.output<typeof targetInput>;

/** The one line shown where a single line names the addressees (cards, preview images, the widget). */
export function targetLine(targets: Pick<TargetDraft, 'name'>[]): string {
  return targets.map((t) => t.name).join(', ');
}

/** Reads the editor's repeated target fields (targetId, targetName, targetRole, targetEmail, targetLanguage) in their order. */
export function targetFormValues(form: FormData): Record<string, string>[] {
  const all = (k: string) => form.getAll(k).map((v) => (typeof v === 'string' ? v : ''));
  const names = all('targetName');
  const roles = all('targetRole');
  const emails = all('targetEmail');
  const languages = all('targetLanguage');
  const ids = all('targetId');
  return names.map((name, i) => ({ id: ids[i] ?? '', name, role: roles[i] ?? '', email: emails[i] ?? '', language: languages[i] ?? 'en' }));
}
