import { z } from 'zod';
import { optionalText, requiredText } from '@/lib/text/schema';

export const responseLimits = { body: 5000, sourceUrl: 500, note: 500 } as const;

/** The http(s) address of where a response was published, or nothing. */
const sourceUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z
    .string()
    .max(responseLimits.sourceUrl, 'sourceUrlInvalid')
    .refine((v) => {
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, 'sourceUrlInvalid')
    .optional(),
);

/**
 * The latest day a response or an outcome may be dated: tomorrow in UTC, so an organiser whose day is
 * already tomorrow (UTC+14 at most) can record today, and nobody can date one in the future, which
 * pages, the API and the signers' emails would then show as having happened.
 */
const latestDay = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const day = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : v),
  z.iso
    .date({ error: 'dateInvalid' })
    .refine((d) => d <= latestDay(), 'dateInFuture')
    .optional(),
);

/** A response as an organiser records it (messages are catalogue keys under `responses.errors`). */
export const organiserResponseInput = z.object({
  targetId: z.uuid({ error: 'targetRequired' }),
  body: requiredText({ max: responseLimits.body, multiline: true, required: 'bodyRequired', tooLong: 'bodyTooLong' }),
  respondedOn: day,
  sourceUrl,
});

/** A response as a target sends it through its link. */
export const targetResponseInput = z.object({
  body: requiredText({ max: responseLimits.body, multiline: true, required: 'bodyRequired', tooLong: 'bodyTooLong' }),
  sourceUrl,
});

export const demandOutcomes = ['open', 'partly_met', 'met', 'refused'] as const;

/** A demand's outcome as the organiser sets it. */
export const outcomeInput = z.object({
  demandId: z.uuid({ error: 'invalid' }),
  outcome: z.enum(demandOutcomes, { error: 'invalid' }),
  note: optionalText({ max: responseLimits.note, tooLong: 'noteTooLong' }),
  on: day,
});

/** Reads a response or outcome form's FormData. */
export function responseFormValues(form: FormData): Record<string, unknown> {
  const v = (k: string) => {
    const x = form.get(k);
    return typeof x === 'string' ? x : undefined;
  };
  return {
    targetId: v('targetId'),
    body: v('body'),
    respondedOn: v('respondedOn'),
    sourceUrl: v('sourceUrl'),
    demandId: v('demandId'),
    outcome: v('outcome'),
    note: v('note'),
    on: v('on'),
  };
}
