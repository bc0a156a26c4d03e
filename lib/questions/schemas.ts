import { z } from 'zod';
import { formText } from '@/lib/http/form';
import { petitionLanguages } from '@/lib/petitions/schemas';
import { normaliseLineBreaks, normaliseText } from '@/lib/text/normalise';
import { text } from '@/lib/text/schema';
import { CHOICE_ID, QUESTION_ID, questionKinds, questionLimits } from './limits';

// What organisers send to set a petition's questions and consent texts, and its bounds: at most 5
// questions, 20 choices each, every text normalised and bounded, a link only over https. Messages
// are catalogue keys under `questions.errors`.

const language = z.enum(petitionLanguages);

/** A text per language; empty ones are dropped (the form sends a box for each language). */
const localized = (max: number, tooLong: string) =>
  z
    .record(
      language,
      z.preprocess((v) => (typeof v === 'string' ? v : ''), text({ max, tooLong, invalid: 'invalidText' })),
    )
    .transform((texts) => Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== '')) as Record<string, string>);

const choiceInput = z.object({
  id: z.string().regex(CHOICE_ID).optional(),
  label: localized(questionLimits.choice, 'choiceTooLong'),
});

export const questionInput = z
  .object({
    id: z.string().regex(QUESTION_ID).optional(),
    kind: z.enum(questionKinds, { error: 'kind' }),
    required: z.boolean(),
    label: localized(questionLimits.label, 'labelTooLong'),
    choices: z.array(choiceInput).max(questionLimits.choices, { error: 'tooManyChoices' }),
  })
  .superRefine((q, ctx) => {
    if (Object.keys(q.label).length === 0) ctx.addIssue({ code: 'custom', message: 'labelRequired', path: ['label'] });
    const named = q.choices.filter((c) => Object.keys(c.label).length > 0);
    if ((q.kind === 'one' || q.kind === 'many') && named.length < 2) ctx.addIssue({ code: 'custom', message: 'tooFewChoices', path: ['choices'] });
  });

/** A petition's sign-form settings as organisers set them: its questions, data controller and partner opt-in. */
export const signFormInput = z.object({
  questions: z.array(questionInput).max(questionLimits.questions, { error: 'tooManyQuestions' }),
  dataController: z
    .object({
      name: localized(questionLimits.controller, 'controllerTooLong'),
      url: z.preprocess(
        (v) => (typeof v === 'string' ? normaliseText(v) || undefined : v),
        z
          .url({ protocol: /^https$/, error: 'controllerUrl' })
          .max(questionLimits.url, { error: 'controllerUrl' })
          .optional(),
      ),
    })
    .nullable(),
  partnerOptIn: localized(questionLimits.partner, 'partnerTooLong').nullable(),
});

export type SignFormInput = z.output<typeof signFormInput>;

/** Slots the organisers' form shows, one per possible question. */
export const QUESTION_SLOTS = questionLimits.questions;

/**
 * Reads the organisers' questions form: for each slot `q<i>.kind`, `q<i>.required`, `q<i>.id`,
 * `q<i>.label.<language>` and `q<i>.choices.<language>` (one choice per line, the same line in
 * each language); a slot whose labels are all empty is no question. Then `controller.name.<language>`,
 * `controller.url` and `partner.<language>`. Boxes for languages the petition is not written in are
 * refused when filled (lib/questions/save.ts).
 */
export function signFormValues(form: FormData, languages: readonly string[] = petitionLanguages): Record<string, unknown> {
  const texts = (prefix: string) => Object.fromEntries(languages.map((l) => [l, formText(form, `${prefix}.${l}`) ?? '']));
  const filled = (t: Record<string, string>) => Object.values(t).some((v) => normaliseText(v) !== '');
  const questions: Record<string, unknown>[] = [];
  for (let i = 0; i < QUESTION_SLOTS; i++) {
    const label = texts(`q${i}.label`);
    if (!filled(label)) continue;
    const kind = formText(form, `q${i}.kind`);
    const lines = Object.fromEntries(
      languages.map((l) => [
        l,
        normaliseLineBreaks(formText(form, `q${i}.choices.${l}`) ?? '')
          .split('\n')
          .map((line) => normaliseText(line)),
      ]),
    );
    const count = Math.max(0, ...Object.values(lines).map((ls) => ls.filter((x) => x !== '').length));
    const choices =
      kind === 'one' || kind === 'many'
        ? Array.from({ length: count }, (_, n) => ({ label: Object.fromEntries(languages.map((l) => [l, lines[l]!.filter((x) => x !== '')[n] ?? ''])) }))
        : [];
    questions.push({ id: formText(form, `q${i}.id`) || undefined, kind, required: form.get(`q${i}.required`) === 'on', label, choices });
  }
  const controllerName = texts('controller.name');
  const partner = texts('partner');
  return {
    questions,
    dataController: filled(controllerName) ? { name: controllerName, url: formText(form, 'controller.url') } : null,
    partnerOptIn: filled(partner) ? partner : null,
  };
}
