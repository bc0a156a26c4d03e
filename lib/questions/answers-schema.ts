// zod/mini: built here and run in the browser (fetched with the form's validator) and on the server.
import * as z from 'zod/mini';
import { optionalText, requiredText } from '@/lib/text/schema';
import { CHOICE_ID, questionLimits } from './limits';

/** What the answers schema needs of a question: its id, kind, whether it must be answered, and the ids of the choices offered. */
export type AskedQuestion = { id: string; kind: 'text' | 'one' | 'many' | 'yesno'; required: boolean; choices: { id: string; retired?: boolean }[] };

/** Answers as stored: by question id, a choice's id, choice ids, `yes`/`no`, or text. */
export type Answers = Record<string, string | string[]>;

const keys = { required: 'answerRequired', invalid: 'answerInvalid', tooLong: 'answerTooLong' } as const;

// An empty string or an empty list is no answer, as a form sends an unanswered question.
const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

type Checked<T> = { ok: T } | { error: string };

// One answer checked by a plain function: the message is a catalogue key, the answer its clean form.
const checked = <T>(check: (v: unknown) => Checked<T>) =>
  z.transform((v: unknown, ctx) => {
    const result = check(v);
    if ('error' in result) {
      ctx.issues.push({ code: 'custom', message: result.error, input: v });
      return z.NEVER;
    }
    return result.ok;
  }) as unknown as z.ZodMiniType<T>;

const absent = (q: AskedQuestion): Checked<undefined> => (q.required ? { error: keys.required } : { ok: undefined });

function pickAnswer(q: AskedQuestion, offered: ReadonlySet<string>) {
  return checked<string | undefined>((v) => {
    if (blank(v)) return absent(q);
    return typeof v === 'string' && offered.has(v) ? { ok: v } : { error: keys.invalid };
  });
}

function manyAnswer(q: AskedQuestion, offered: ReadonlySet<string>) {
  return checked<string[] | undefined>((v) => {
    // The form sends the ticked boxes as one comma-separated value (lib/signatures/fields.ts); the API a list.
    const list = typeof v === 'string' ? v.split(',').filter((x) => x !== '') : v;
    if (blank(list)) return absent(q);
    if (!Array.isArray(list) || list.length > questionLimits.choices) return { error: keys.invalid };
    if (!list.every((c) => typeof c === 'string' && CHOICE_ID.test(c) && offered.has(c))) return { error: keys.invalid };
    return { ok: [...new Set(list as string[])] };
  });
}

function textAnswer(q: AskedQuestion): z.ZodMiniType<string | undefined> {
  const rule = { max: questionLimits.answer, ...keys };
  // A list or an object is not a text, even where the answer may be left out.
  const shape = checked<unknown>((v) => (blank(v) || typeof v === 'string' ? { ok: v } : { error: keys.invalid }));
  return z.pipe(shape, q.required ? requiredText(rule) : optionalText(rule));
}

const YES_NO: ReadonlySet<string> = new Set(['yes', 'no']);

function answerSchema(q: AskedQuestion) {
  const offered = new Set(q.choices.filter((c) => !c.retired).map((c) => c.id));
  switch (q.kind) {
    case 'one':
      return pickAnswer(q, offered);
    case 'yesno':
      return pickAnswer(q, YES_NO);
    case 'many':
      return manyAnswer(q, offered);
    case 'text':
      return textAnswer(q);
  }
}

/**
 * The schema of a petition's answers, built from its questions: each question's answer checked by its
 * kind (a choice among those offered, `yes`/`no`, a bounded text), required ones present, and nothing
 * but these questions (an answer to any other question, of this petition or another, is refused as
 * `answersUnknown`). The same builder serves the browser and the server. Output: only the answered
 * questions, or undefined when none is.
 */
export function answersSchemaFor(questions: readonly AskedQuestion[]): z.ZodMiniType<Answers | undefined> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const q of questions) shape[q.id] = answerSchema(q);
  return z.pipe(
    z.transform((v: unknown) => (v === undefined || v === null ? {} : v)),
    z.pipe(
      z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'answersUnknown' : 'answersInvalid') }),
      z.transform((answers: Record<string, unknown>) => {
        const kept = Object.entries(answers).filter((e): e is [string, string | string[]] => e[1] !== undefined);
        return kept.length ? Object.fromEntries<string | string[]>(kept) : undefined;
      }),
    ),
  );
}

/**
 * A sign form's flat fields (`answers.<question id>`) gathered into an `answers` object, unless the
 * caller sent one (the JSON API): the form and the API then give the same schema the same input.
 */
export function gatherAnswers(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const input = raw as Record<string, unknown>;
  if (input.answers !== undefined) return input;
  let answers: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith('answers.')) continue;
    (answers ??= {})[key.slice('answers.'.length)] = value;
  }
  return answers ? { ...input, answers } : input;
}
