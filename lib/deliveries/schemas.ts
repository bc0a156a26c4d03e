import { z } from 'zod';
import { text as normalisedText } from '@/lib/text/schema';

/** Limits shown beside the delivery form and enforced on the server (`perDay`: deliveries, tests included, one organiser may make in 24 hours). */
export const deliveryLimits = { message: 2000, perDay: 10 } as const;

/**
 * The delivery form (messages are catalogue keys under `deliveries.errors`): to every target with an
 * email (`all`), to the ones ticked (`chosen`), or a test to the organiser (`test`), with a message.
 */
export const deliveryInput = z
  .object({
    mode: z.enum(['all', 'chosen', 'test'], { error: 'invalid' }),
    targets: z.array(z.uuid({ error: 'invalid' })).max(50, 'invalid'),
    message: z.preprocess((v) => (typeof v === 'string' ? v : ''), normalisedText({ max: deliveryLimits.message, tooLong: 'messageTooLong', multiline: true })),
  })
  .refine((d) => d.mode !== 'chosen' || d.targets.length > 0, { message: 'chooseTargets', path: ['targets'] });

export type DeliveryRequest = z.output<typeof deliveryInput>;

/** Reads the delivery form's FormData. */
export function deliveryFormValues(form: FormData): Record<string, unknown> {
  return {
    mode: form.get('mode'),
    targets: form.getAll('targets').filter((v): v is string => typeof v === 'string'),
    message: form.get('message'),
  };
}

/** The automatic delivery plan: at a count, at the goal, when the petition closes. */
export const deliveryPlanInput = z.object({
  atCount: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
    z.number({ error: 'countInvalid' }).int('countInvalid').min(1, 'countInvalid').max(100_000_000, 'countInvalid').optional(),
  ),
  atGoal: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
  onClose: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
  message: z.preprocess((v) => (typeof v === 'string' ? v : ''), normalisedText({ max: deliveryLimits.message, tooLong: 'messageTooLong', multiline: true })),
});

/** Reads the plan form's FormData. */
export function deliveryPlanFormValues(form: FormData): Record<string, unknown> {
  return { atCount: form.get('atCount'), atGoal: form.get('atGoal'), onClose: form.get('onClose'), message: form.get('message') };
}
