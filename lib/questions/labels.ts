import type { DataController, LocalizedText, SignQuestion } from '@/db/schema/petitions';

/**
 * A text in the language the petition is read in: that language's, else the original's (the first
 * one written), else any. Empty when there is none.
 */
export function textIn(text: LocalizedText | null | undefined, language: string): string {
  if (!text) return '';
  return text[language] || Object.values(text).find((v) => v) || '';
}

/** A question as the sign form shows it: labels in one language, only the choices still offered. */
export type ShownQuestion = {
  id: string;
  kind: SignQuestion['kind'];
  required: boolean;
  label: string;
  choices: { id: string; label: string }[];
};

/** The petition's questions in the language the page is read in, for the sign form. */
export function shownQuestions(questions: readonly SignQuestion[], language: string): ShownQuestion[] {
  return questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    required: q.required,
    label: textIn(q.label, language),
    choices: q.choices.filter((c) => !c.retired).map((c) => ({ id: c.id, label: textIn(c.label, language) })),
  }));
}

/** What the sign form says about consent: who holds the data, and the partner's question; nulls when not set. */
export type ShownConsent = { controller: { name: string; url?: string } | null; partner: string | null };

/** The petition's data controller and partner opt-in in one language; no partner opt-in on an at-risk petition. */
export function shownConsent(controller: DataController | null, partner: LocalizedText | null, language: string, atRisk: boolean): ShownConsent {
  const name = controller ? textIn(controller.name, language) : '';
  const question = !atRisk && partner ? textIn(partner, language) : '';
  return { controller: name ? { name, ...(controller?.url ? { url: controller.url } : {}) } : null, partner: question || null };
}

/** An answer as a person reads it: the choices' labels (retired ones included), yes/no in words, or the text. */
export function answerText(q: SignQuestion, answer: string | string[] | undefined, language: string, yesNo: { yes: string; no: string }): string {
  if (answer === undefined) return '';
  if (q.kind === 'text') return typeof answer === 'string' ? answer : '';
  if (q.kind === 'yesno') return answer === 'yes' ? yesNo.yes : answer === 'no' ? yesNo.no : '';
  const ids = Array.isArray(answer) ? answer : [answer];
  return ids
    .map((id) => q.choices.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map((c) => textIn(c.label, language))
    .join('; ');
}
