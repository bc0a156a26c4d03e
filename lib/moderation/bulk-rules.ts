import { z } from 'zod';
import { formText } from '@/lib/http/form';
import { likeLiteral } from '@/lib/text/like';
import { asciiDomainRule } from '@/lib/text/domain';
import { normaliseText } from '@/lib/text/normalise';
import { text } from '@/lib/text/schema';

// A rule selecting signatures of one petition for bulk invalidation (or release from review).
// Every criterion given must match; at least one must be given, so "everything" is never a rule.

// Every criterion is normalised as typed text is everywhere (lib/text/normalise.ts); empty is absent.
const optional = (schema: z.core.$ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) || undefined : undefined), z.optional(schema));

export const bulkRuleInput = z
  .object({
    // A domain typed in Unicode is matched in the ASCII form signatures' domains are stored in.
    emailDomain: optional(
      z.string().transform((v, ctx) => asciiDomainRule(v.toLowerCase()) ?? (ctx.addIssue({ code: 'custom', message: 'emailDomain' }), z.NEVER)),
    ),
    ipRange: optional(
      z
        .string()
        .max(64)
        .regex(/^[0-9a-f:.]+(\/\d{1,3})?$/i, 'ipRange'),
    ),
    namePattern: optional(text({ max: 100, tooLong: 'namePattern', invalid: 'namePattern' })),
    country: optional(z.string().regex(/^[A-Za-z]{2}$/, 'country')),
    from: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'from')),
    to: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'to')),
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'empty', path: ['rule'] });

export type BulkRule = z.output<typeof bulkRuleInput>;

/** The rule as typed in the form (times are UTC, as the form says). */
export function bulkRuleFormValues(form: FormData): Record<string, string | undefined> {
  const value = (k: string) => formText(form, k);
  return {
    emailDomain: value('emailDomain'),
    ipRange: value('ipRange'),
    namePattern: value('namePattern'),
    country: value('country'),
    from: value('from'),
    to: value('to'),
  };
}

/** `*` in a name pattern is "anything"; every other character, LIKE's own included, means itself. */
export function likePattern(pattern: string): string {
  return likeLiteral(pattern).replace(/\*/g, '%');
}
