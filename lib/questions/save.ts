import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions, petitionTranslations, type SignQuestion } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { questionLimits } from './limits';
import { signFormInput, type SignFormInput } from './schemas';
import { forgetSigningForms } from './signing-form';

/** A fresh id: a letter, then random base-36 digits. */
const newId = (prefix: 'q' | 'c') =>
  prefix +
  BigInt(`0x${randomBytes(6).toString('hex')}`)
    .toString(36)
    .padStart(9, '0');

/**
 * The stored questions for what the organisers sent, keeping what answers refer to. A question keeps
 * its id when it is sent back with it and its kind is unchanged (otherwise it is a new question, so an
 * answer to the old one is never read as an answer to it). A choice keeps its id when its label in the
 * petition's own language is one the question had (reworded in another language, or moved, it stays
 * the same choice); a choice removed stays, retired, so earlier answers keep their label.
 */
export function mergeQuestions(previous: readonly SignQuestion[], sent: SignFormInput['questions'], original: string): SignQuestion[] {
  const before = new Map(previous.map((q) => [q.id, q]));
  return sent.map((q) => {
    const old = q.id ? before.get(q.id) : undefined;
    const same = old && old.kind === q.kind ? old : undefined;
    const key = (label: Record<string, string>) => label[original] ?? Object.values(label)[0] ?? '';
    const oldChoices = new Map((same?.choices ?? []).map((c) => [key(c.label), c]));
    const choices = q.choices
      .filter((c) => Object.keys(c.label).length > 0)
      .map((c) => {
        const match = oldChoices.get(key(c.label));
        oldChoices.delete(key(c.label));
        return { id: match?.id ?? newId('c'), label: c.label };
      });
    const retired = [...oldChoices.values()].map((c) => ({ ...c, retired: true as const }));
    return {
      id: same?.id ?? newId('q'),
      kind: q.kind,
      required: q.required,
      label: q.label,
      choices: [...choices, ...retired].slice(0, questionLimits.storedChoices),
    };
  });
}

export type SaveSignFormResult = { status: 'done' } | { status: 'invalid'; error: string } | { status: 'not_found' };

/**
 * Sets a petition's questions, data controller and partner opt-in; its organisers only. Validated
 * by the shared schema (at most 5 questions of at most 20 choices, bounded texts, an https link);
 * question and choice ids are kept across edits (mergeQuestions), so stored answers keep their
 * meaning. Texts only in the petition's languages. Signing in this process sees the change at once.
 */
export async function saveSignForm(actor: Organiser | null, slug: string, values: unknown): Promise<SaveSignFormResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return { status: 'not_found' };
  const parsed = signFormInput.safeParse(values);
  if (!parsed.success)
    return { status: 'invalid', error: parsed.error.issues[0]?.message.match(/^[A-Za-z]{1,40}$/) ? parsed.error.issues[0].message : 'invalid' };
  const languages = await petitionLanguagesOf(petition.id, petition.language);
  const outside = (texts: Record<string, string> | null | undefined) => Object.keys(texts ?? {}).some((l) => !languages.includes(l));
  const { questions, dataController, partnerOptIn } = parsed.data;
  if (questions.some((q) => outside(q.label) || q.choices.some((c) => outside(c.label))) || outside(dataController?.name) || outside(partnerOptIn))
    return { status: 'invalid', error: 'language' };

  await getDb().transaction(async (tx) => {
    const [current] = await tx.select({ questions: petitions.questions }).from(petitions).where(eq(petitions.id, petition.id)).for('update');
    await tx
      .update(petitions)
      .set({
        questions: mergeQuestions(current?.questions ?? [], questions, petition.language),
        dataController: dataController && Object.keys(dataController.name).length ? dataController : null,
        partnerOptIn: partnerOptIn && Object.keys(partnerOptIn).length ? partnerOptIn : null,
        updatedAt: sql`now()`,
      })
      .where(eq(petitions.id, petition.id));
  });
  forgetSigningForms();
  return { status: 'done' };
}

/** The petition's languages: its own first, then its translations'. */
export async function petitionLanguagesOf(petitionId: string, original: string): Promise<string[]> {
  const t = petitionTranslations;
  const rows = await getDb()
    .select({ language: t.language })
    .from(t)
    .where(and(eq(t.petitionId, petitionId), ne(t.language, original)))
    .orderBy(t.language);
  return [original, ...rows.map((r) => r.language)];
}

/** A petition's sign-form settings as its organisers' editor shows them; null when not theirs. */
export async function getSignFormForOrganiser(actor: Organiser | null, slug: string) {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const [row] = await getDb()
    .select({ questions: petitions.questions, dataController: petitions.dataController, partnerOptIn: petitions.partnerOptIn })
    .from(petitions)
    .where(eq(petitions.id, petition.id));
  if (!row) return null;
  return { petition, ...row, languages: await petitionLanguagesOf(petition.id, petition.language) };
}
