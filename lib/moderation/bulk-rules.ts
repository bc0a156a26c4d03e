import { z } from 'zod';
import { formText } from '@/lib/http/form';
import { likeLiteral } from '@/lib/text/like';

// A rule selecting signatures of one petition for bulk invalidation (or release from review).
// Every criterion given must match; at least one must be given, so "everything" is never a rule.

const optional = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), schema.optional());

export const bulkRuleInput = z
  .object({
    emailDomain: optional(z.string().max(253).regex(/^(\*\.)?[a-z0-9.-]+\.[a-z]{2,}$/i, 'emailDomain')),
    ipRange: optional(z.string().max(64).regex(/^[0-9a-f:.]+(\/\d{1,3})?$/i, 'ipRange')),
    namePattern: optional(z.string().max(100)),
    country: optional(z.string().regex(/^[A-Za-z]{2}$/, 'country')),
    from: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'from')),
    to: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'to')),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'empty', path: ['rule'] });

export type BulkRule = z.output<typeof bulkRuleInput>;

/** The rule as typed in the form (times are UTC, as the form says). */
export function bulkRuleFormValues(form: FormData): Record<string, string | undefined> {
  const value = (k: string) => formText(form, k);
  return { emailDomain: value('emailDomain'), ipRange: value('ipRange'), namePattern: value('namePattern'), country: value('country'), from: value('from'), to: value('to') };
}

/** `*` in a name pattern is "anything"; every other character, LIKE's own included, means itself. */
export function likePattern(pattern: string): string {
  return likeLiteral(pattern).replace(/\*/g, '%');
}
