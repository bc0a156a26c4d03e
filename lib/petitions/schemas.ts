import { z } from 'zod';
import { formText } from '@/lib/http/form';
import { normaliseText } from '@/lib/text/normalise';
import { text as normalisedText, type TextRule } from '@/lib/text/schema';
import { targetFormValues, targetLanguages, targetLine, targetsInput, type TargetLanguage } from '@/lib/targets/schemas';
import { isSlug } from './slug';

/** Limits shown beside the editor's fields and enforced on the server. */
export const petitionLimits = { title: 120, summary: 500, body: 20_000, target: 200, demand: 300, demands: 20, slug: 80, victory: 280 } as const;

/** Languages a petition can be written in (its text, not the interface). */
export const petitionLanguages = ['en', 'ar', 'fa', 'fr', 'es', 'de', 'tr', 'ku', 'ur'] as const;

export type PetitionField = 'title' | 'slug' | 'summary' | 'body' | 'target' | 'targets' | 'goal' | 'language' | 'closesOn' | 'demands';

// Every field may be missing from a draft (read as empty); the text itself goes through the shared
// building block (normalised, storable, measured in code points).
const text = (max: number, tooLong: string, opts: Pick<TextRule, 'multiline'> = {}) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), normalisedText({ max, tooLong, ...opts }));

/**
 * A petition as the editor submits it. Lenient enough for a draft: every field may be empty.
 * Messages are catalogue keys under `editor.errors`.
 */
export const petitionDraftInput = z
  .object({
    title: text(petitionLimits.title, 'titleTooLong'),
    slug: z.preprocess(
      (v) => (typeof v === 'string' ? normaliseText(v).toLowerCase() : ''),
      z
        .string()
        .max(petitionLimits.slug, 'slugTooLong')
        .refine((v) => v === '' || isSlug(v), 'slugInvalid'),
    ),
    summary: text(petitionLimits.summary, 'summaryTooLong', { multiline: true }),
    body: text(petitionLimits.body, 'bodyTooLong', { multiline: true }),
    target: text(petitionLimits.target, 'targetTooLong'),
    targets: z.preprocess((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []), targetsInput),
    goal: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? undefined : Number(v)),
      z.number({ error: 'goalInvalid' }).int('goalInvalid').min(1, 'goalInvalid').max(100_000_000, 'goalInvalid').optional(),
    ),
    language: z.enum(petitionLanguages, { error: 'invalid' }).catch('en'),
    closesOn: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : v), z.iso.date({ error: 'closesOnInvalid' }).optional()),
    demands: z
      .array(text(petitionLimits.demand, 'demandTooLong'))
      .max(petitionLimits.demands, 'tooManyDemands')
      .transform((list) => list.filter((d) => d.length > 0)),
  })
  // A single `target` line (older callers, the API of drafts) is the first target; with targets, the
  // line is their names, which is what cards, preview images and the widget show.
  .transform((d) => {
    if (d.targets.length > 0) return { ...d, target: targetLine(d.targets) };
    if (!d.target) return d;
    const language = (targetLanguages as readonly string[]).includes(d.language) ? (d.language as TargetLanguage) : 'en';
    return { ...d, targets: [{ id: undefined, name: d.target, role: '', email: '', language }] };
  });

export type PetitionDraft = z.output<typeof petitionDraftInput>;

/** What publishing needs on top of a draft: every field a reader and a decision maker rely on. */
export function publishProblems(d: PetitionDraft, today = new Date()): Partial<Record<PetitionField, string[]>> {
  const problems: Partial<Record<PetitionField, string[]>> = {};
  if (!d.title) problems.title = ['titleRequired'];
  if (!d.summary) problems.summary = ['summaryRequired'];
  if (d.targets.length === 0) problems.target = ['targetRequired'];
  if (!d.goal) problems.goal = ['goalRequired'];
  if (d.demands.length === 0) problems.demands = ['demandsRequired'];
  if (d.closesOn && new Date(`${d.closesOn}T23:59:59Z`) <= today) problems.closesOn = ['closesOnPast'];
  return problems;
}

/** Reads the editor's FormData; demands and targets come as repeated fields in their order. */
export function petitionFormValues(form: FormData): Record<string, unknown> {
  const value = (k: string) => formText(form, k);
  return {
    title: value('title'),
    slug: value('slug'),
    summary: value('summary'),
    body: value('body'),
    target: value('target'),
    targets: targetFormValues(form),
    goal: value('goal'),
    language: value('language'),
    closesOn: value('closesOn'),
    demands: form.getAll('demands').filter((d): d is string => typeof d === 'string'),
  };
}
