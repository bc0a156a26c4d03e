import type { SignQuestion } from '@/db/schema/petitions';

// The bounds of a petition's own questions, held by the organisers' schema (lib/questions/schemas.ts)
// and by the signers' answers schema (./answers-schema.ts) alike. No database import: the sign form's
// browser code reads these.

export const questionLimits = {
  /** Questions offered on one sign form. */
  questions: 5,
  /** Choices offered by one question (retired ones kept for old answers do not count, up to `storedChoices`). */
  choices: 20,
  storedChoices: 40,
  /** Code points of a question's label, of a choice's label, of a text answer. */
  label: 200,
  choice: 100,
  answer: 300,
  /** The data controller's name, the partner opt-in's text. */
  controller: 150,
  partner: 300,
  url: 500,
} as const;

export type QuestionKind = SignQuestion['kind'];
export const questionKinds = ['text', 'one', 'many', 'yesno'] as const satisfies readonly QuestionKind[];

/** A question's id: made by the server, never changed. */
export const QUESTION_ID = /^q[a-z0-9]{6,16}$/;
/** A choice's id: made by the server, never changed. */
export const CHOICE_ID = /^c[a-z0-9]{4,16}$/;

/** The name of a question's field in the sign form: `answers.<question id>`. */
export const answerField = (questionId: string) => `answers.${questionId}`;
