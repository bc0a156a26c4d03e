import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { formText } from '@/lib/http/form';
import { isLocale, locales } from '@/lib/i18n/locales';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { normaliseLineBreaks, normaliseText } from '@/lib/text/normalise';
import { requiredText, text } from '@/lib/text/schema';
import { petitionLimits } from './schemas';

// The shared text building block (normalised, storable, measured in code points); the form shows one
// message for any problem, so the keys are all the same.
const required = (max: number, multiline = false) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), requiredText({ max, multiline, required: 'translation', tooLong: 'translation', invalid: 'translation' }));

/** A translation as the organiser's form sends it: every reader-facing text, demands one per line. */
export const translationInput = z.object({
  language: z.enum(locales),
  title: required(petitionLimits.title),
  summary: required(petitionLimits.summary, true),
  target: required(petitionLimits.target),
  body: z.preprocess((v) => (typeof v === 'string' ? v : ''), text({ max: petitionLimits.body, multiline: true, tooLong: 'translation', invalid: 'translation' })),
  demands: z.array(required(petitionLimits.demand)).min(1).max(petitionLimits.demands),
});

export type TranslationText = Omit<z.output<typeof translationInput>, 'language'>;

/** Reads the translation form: the demands textarea holds one demand per line. */
export function translationFormValues(form: FormData): Record<string, unknown> {
  return {
    language: formText(form, 'language'),
    title: formText(form, 'title'),
    summary: formText(form, 'summary'),
    target: formText(form, 'target'),
    body: formText(form, 'body'),
    demands: normaliseLineBreaks(formText(form, 'demands') ?? '').split('\n').filter((d) => normaliseText(d) !== ''),
  };
}

/**
 * Adds or replaces the petition's text in another language; only its organisers may.
 * Idempotent. A translation in the petition's own language is refused (the original is that text).
 */
export async function saveTranslation(actor: Organiser, slug: string, values: Record<string, unknown>): Promise<'done' | 'invalid' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return 'not_found';
  const parsed = translationInput.safeParse(values);
  if (!parsed.success) return 'invalid';
  const t = parsed.data;
  const rows = await getDb().execute(sql`
    insert into petition_translations (petition_id, language, title, summary, body, target, demands)
    select p.id, ${t.language}, ${t.title}, ${t.summary}, ${t.body}, ${t.target},
           array(select jsonb_array_elements_text(${JSON.stringify(t.demands)}::jsonb))
    from petitions p where p.id = ${petition.id} and p.language <> ${t.language}
    on conflict (petition_id, language) do update set
      title = excluded.title, summary = excluded.summary, body = excluded.body, target = excluded.target,
      demands = excluded.demands, updated_at = now()
    returning 1`);
  return rows.length === 1 ? 'done' : 'invalid';
}

/** Removes one translation; the petition and its signatures are untouched. */
export async function removeTranslation(actor: Organiser, slug: string, language: string): Promise<'done' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !isLocale(language)) return 'not_found';
  await getDb().execute(sql`delete from petition_translations where petition_id = ${petition.id} and language = ${language}`);
  return 'done';
}

/** The translations of a petition, for its organisers' editor. */
export async function listTranslations(petitionId: string): Promise<(TranslationText & { language: string })[]> {
  const rows = await getDb().execute<TranslationText & { language: string }>(sql`
    select language, title, summary, body, target, demands from petition_translations
    where petition_id = ${petitionId} order by language`);
  return [...rows];
}
