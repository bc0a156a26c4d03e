import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersSchemaFor, gatherAnswers, type AskedQuestion } from '@/lib/questions/answers-schema';
import { fieldErrorsOf, signatureFormValues, signatureInputFor } from '@/lib/signatures/schemas';

const questions: AskedQuestion[] = [
  { id: 'qcommute1', kind: 'one', required: true, choices: [{ id: 'cbus1' }, { id: 'cwalk1' }, { id: 'ccar1', retired: true }] },
  { id: 'qplace01', kind: 'text', required: false, choices: [] },
  { id: 'qshift01', kind: 'many', required: true, choices: [{ id: 'cnight' }, { id: 'cearly' }] },
  { id: 'qunion01', kind: 'yesno', required: false, choices: [] },
];
const schema = signatureInputFor(questions);
const base = { name: 'Amira Haddad', email: 'amira@example.org', country: 'EG' };
const errors = (answers: unknown) => {
  const r = schema.safeParse({ ...base, answers });
  return r.success ? null : fieldErrorsOf(r.error);
};

test('the schema built from the questions accepts their answers and keeps only the answered ones', () => {
  const r = schema.parse({ ...base, answers: { qcommute1: 'cbus1', qshift01: ['cnight', 'cnight', 'cearly'], qplace01: '  Depot\u200b ', qunion01: '' } });
  assert.deepEqual(r.answers, { qcommute1: 'cbus1', qshift01: ['cnight', 'cearly'], qplace01: 'Depot' });
});

test('it refuses what the questions do not offer, each error on its question', () => {
  assert.deepEqual(errors({}), { 'answers.qcommute1': ['answerRequired'], 'answers.qshift01': ['answerRequired'] });
  assert.deepEqual(errors({ qcommute1: 'ccar1', qshift01: 'cnight' }), { 'answers.qcommute1': ['answerInvalid'] }, 'a retired choice');
  assert.deepEqual(errors({ qcommute1: ['cbus1'], qshift01: 'cnight' }), { 'answers.qcommute1': ['answerInvalid'] }, 'a list for one choice');
  assert.deepEqual(errors({ qcommute1: 'cbus1', qshift01: ['cnight', 'cother'] }), { 'answers.qshift01': ['answerInvalid'] });
  assert.deepEqual(errors({ qcommute1: 'cbus1', qshift01: 'cnight', qplace01: 'x'.repeat(301) }), { 'answers.qplace01': ['answerTooLong'] });
  assert.deepEqual(errors({ qcommute1: 'cbus1', qshift01: 'cnight', qplace01: { toString: 'x' } }), { 'answers.qplace01': ['answerInvalid'] });
  assert.deepEqual(errors({ qcommute1: 'cbus1', qshift01: 'cnight', qunion01: true }), { 'answers.qunion01': ['answerInvalid'] });
  assert.deepEqual(errors({ qcommute1: 'cbus1', qshift01: 'cnight', qelsewhere: 'x' }), { answers: ['answersUnknown'] });
  assert.deepEqual(errors([1, 2]), { answers: ['answersInvalid'] });
});

test("the form's flat fields and the API's object give the same answers", () => {
  const form = new FormData();
  for (const [k, v] of Object.entries(base)) form.set(k, v);
  form.set('answers.qcommute1', 'cwalk1');
  form.append('answers.qshift01', 'cnight');
  form.append('answers.qshift01', 'cearly');
  const fromForm = schema.parse(signatureFormValues(form));
  const fromApi = schema.parse({ ...base, answers: { qcommute1: 'cwalk1', qshift01: ['cnight', 'cearly'] } });
  assert.deepEqual(fromForm.answers, fromApi.answers);
  assert.deepEqual(gatherAnswers({ a: 1, 'answers.q1': 'x' }), { a: 1, 'answers.q1': 'x', answers: { q1: 'x' } });
});

test('without questions, no answers are taken', () => {
  assert.equal(answersSchemaFor([]).parse(undefined), undefined);
  assert.equal(signatureInputFor([]).safeParse({ ...base, answers: { qcommute1: 'cbus1' } }).success, false);
  assert.equal(signatureInputFor(questions), schema, 'built once per list of questions');
});
