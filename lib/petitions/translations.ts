import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { petitionTranslations } from '@/db/schema';
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
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    requiredText({ max, multiline, required: 'translation', tooLong: 'translation', invalid: 'translation' }),
  );

/** A translation as the organiser's form sends it: every reader-facing text, demands one per line. */
export const translationInput = z.object({
  language: z.enum(locales),
  title: required(petitionLimits.title),
  summary: required(petitionLimits.summary, true),
  target: required(petitionLimits.target),
  body: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    text({ max: petitionLimits.body, multiline: true, tooLong: 'translation', invalid: 'translation' }),
  ),
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
    demands: normaliseLineBreaks(formText(form, 'demands') ?? '')
      .split('\n')
      .filter((d) => normaliseText(d) !== ''),
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
  const { language, title, summary, body, target, demands } = parsed.data;
  // The original is the petition's text in its own language.
  if (language === petition.language) return 'invalid';
  const translation = { title, summary, body, target, demands } satisfies Partial<PgInsertValue<typeof petitionTranslations>>;
  await getDb()
    .insert(petitionTranslations)
    .values({ petitionId: petition.id, language, ...translation })
    .onConflictDoUpdate({ target: [petitionTranslations.petitionId, petitionTranslations.language], set: { ...translation, updatedAt: sql`now()` } });
  return 'done';
}

/** Removes one translation; the petition and its signatures are untouched. */
export async function removeTranslation(actor: Organiser, slug: string, language: string): Promise<'done' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !isLocale(language)) return 'not_found';
  await getDb()
    .delete(petitionTranslations)
    .where(and(eq(petitionTranslations.petitionId, petition.id), eq(petitionTranslations.language, language)));
  return 'done';
}

/** The translations of a petition, for its organisers' editor. */
export async function listTranslations(petitionId: string) {
  const t = petitionTranslations;
  return getDb()
    .select({ language: t.language, title: t.title, summary: t.summary, body: t.body, target: t.target, demands: t.demands })
    .from(t)
    .where(eq(t.petitionId, petitionId))
    .orderBy(t.language);
}
