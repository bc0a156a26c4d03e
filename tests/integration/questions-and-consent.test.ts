import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { POST as formRoute } from '@/app/api/petitions/[slug]/sign/route';
import { GET as getPetitionApi } from '@/app/api/petitions/[slug]/route';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import type { Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { exportSignatures, readSignerRows } from '@/lib/exports/signatures';
import { switchToAtRisk } from '@/lib/petitions/switch-to-at-risk';
import { saveSignForm } from '@/lib/questions/save';
import { signFormValues } from '@/lib/questions/schemas';
import { confirmSignature } from '@/lib/signatures/confirm';
import { decodeSignFormFlash } from '@/lib/signatures/form-flash';
import { signPetition } from '@/lib/signatures/sign';
import { exportSignerData } from '@/lib/signatures/self-service';
import { issueManageToken } from '@/lib/signatures/tokens';
import { anonymiseClosedPetitions } from '@/lib/privacy/retention';
import { APP_URL, startBackend } from '../support/app';
import { keyOf } from '../support/signers';
import { confirmationLinkOf, recipientOf } from '../support/smtp-sink';

// An organiser's own questions on the sign form, the answers a supporter gives, and consent per
// purpose: validated by a schema built from the questions (the same on every path), stored with the
// signature, read back by every organiser export, and refused as field errors whatever is sent.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
let stranger: Organiser;
before(async () => {
  app = await startBackend();
  const [a, b] = await app.sql`insert into accounts (email) values ('q-owner@example.org'), ('q-stranger@example.org') returning id`;
  owner = { id: a!.id, email: 'q-owner@example.org', isAdmin: false };
  stranger = { id: b!.id, email: 'q-stranger@example.org', isAdmin: false };
});
after(() => app.stop());

const valid = { name: 'Amira Haddad', country: 'EG', locale: 'en' };

/** An open petition in English with an Arabic translation, owned by `owner`, asking two questions. */
async function petitionWithQuestions() {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  await app.sql`insert into petition_translations (petition_id, language, title, summary, target, demands) values (${p.id}, 'ar', 'عنوان', 'ملخص', 'المجلس', ${['مطلب']})`;
  const saved = await saveSignForm(owner, p.slug, {
    questions: [
      {
        kind: 'one',
        required: true,
        label: { en: 'How do you get to work?', ar: 'كيف تذهب إلى العمل؟' },
        choices: [{ label: { en: 'Night bus', ar: 'حافلة ليلية' } }, { label: { en: 'Walking', ar: 'مشيًا' } }, { label: { en: 'Car', ar: 'سيارة' } }],
      },
      { kind: 'text', required: false, label: { en: 'Your workplace', ar: 'مكان عملك' }, choices: [] },
      { kind: 'many', required: false, label: { en: 'Which shifts?', ar: 'أي نوبات؟' }, choices: [{ label: { en: 'Night' } }, { label: { en: 'Early' } }] },
      { kind: 'yesno', required: false, label: { en: 'Are you a union member?' }, choices: [] },
    ],
    dataController: { name: { en: 'Transport Workers United', ar: 'اتحاد عمال النقل' }, url: 'https://twu.example.org/privacy' },
    partnerOptIn: { en: "May the Workers' Solidarity Network contact you?", ar: 'هل يمكن لشبكة تضامن العمال التواصل معك؟' },
  });
  assert.deepEqual(saved, { status: 'done' });
  const [row] = await app.sql<{ questions: { id: string; kind: string; choices: { id: string; label: Record<string, string> }[] }[] }[]>`
    select questions from petitions where id = ${p.id}`;
  const [commute, workplace, shifts, union] = row!.questions;
  return { ...p, commute: commute!, workplace: workplace!, shifts: shifts!, union: union! };
}

const errorsOf = async (slug: string, raw: Record<string, unknown>) => {
  const r = await signPetition(slug, { ...valid, email: `e${Math.random().toString(36).slice(2)}@example.org`, ...raw });
  return r.status === 'invalid' ? r.errors : r.status;
};

test('an organiser sets questions in two languages within the limits; anything beyond them, or a stranger, is refused', async () => {
  const p = await petitionWithQuestions();
  assert.match(p.commute.id, /^q[a-z0-9]+$/);
  assert.equal(p.commute.choices.length, 3);
  assert.deepEqual(p.commute.choices[0]!.label, { en: 'Night bus', ar: 'حافلة ليلية' });

  const question = { kind: 'text', required: false, label: { en: 'Q' }, choices: [] };
  const base = { dataController: null, partnerOptIn: null };
  const refused = async (values: unknown) => {
    const r = await saveSignForm(owner, p.slug, values);
    assert.equal(r.status, 'invalid', JSON.stringify(values).slice(0, 200));
    return r.status === 'invalid' ? r.error : '';
  };
  assert.equal(await refused({ ...base, questions: Array(6).fill(question) }), 'tooManyQuestions');
  const choices = Array.from({ length: 21 }, (_, i) => ({ label: { en: `C${i}` } }));
  assert.equal(await refused({ ...base, questions: [{ ...question, kind: 'one', choices }] }), 'tooManyChoices');
  assert.equal(await refused({ ...base, questions: [{ ...question, kind: 'one', choices: [{ label: { en: 'Only' } }] }] }), 'tooFewChoices');
  assert.equal(await refused({ ...base, questions: [{ ...question, label: { en: 'x'.repeat(201) } }] }), 'labelTooLong');
  assert.equal(await refused({ ...base, questions: [{ ...question, label: { en: '\u200b\u200b' } }] }), 'labelRequired');
  assert.equal(await refused({ ...base, questions: [{ ...question, kind: 'essay' }] }), 'kind');
  assert.equal(await refused({ ...base, questions: [{ ...question, label: { fa: 'پرسش' } }] }), 'language', 'Persian is not one of its languages');
  assert.equal(await refused({ questions: [], partnerOptIn: null, dataController: { name: { en: 'Org' }, url: 'http://org.example' } }), 'controllerUrl');
  assert.equal(await refused({ questions: [], partnerOptIn: null, dataController: { name: { en: 'Org' }, url: 'javascript:alert(1)' } }), 'controllerUrl');
  assert.deepEqual(await saveSignForm(stranger, p.slug, { ...base, questions: [] }), { status: 'not_found' });
  const [after] = await app.sql`select jsonb_array_length(questions) as n from petitions where id = ${p.id}`;
  assert.equal(after!.n, 4, 'nothing refused was stored');

  // The organisers' form, as a browser without JavaScript posts it, reads into the same input.
  const form = new FormData();
  form.set('q0.kind', 'one');
  form.set('q0.required', 'on');
  form.set('q0.label.en', 'Favourite route');
  form.set('q0.label.ar', 'الخط المفضل');
  form.set('q0.choices.en', 'N1\r\nN2\r\n');
  form.set('q0.choices.ar', 'ن١\nن٢');
  form.set('q1.label.en', '');
  form.set('controller.name.en', 'Org');
  form.set('partner.ar', 'شريك؟');
  assert.deepEqual(signFormValues(form, ['en', 'ar']), {
    questions: [
      {
        id: undefined,
        kind: 'one',
        required: true,
        label: { en: 'Favourite route', ar: 'الخط المفضل' },
        choices: [{ label: { en: 'N1', ar: 'ن١' } }, { label: { en: 'N2', ar: 'ن٢' } }],
      },
    ],
    dataController: { name: { en: 'Org', ar: '' }, url: undefined },
    partnerOptIn: { en: '', ar: 'شريك؟' },
  });
});

test('answers are checked by the schema built from the questions, on the domain call, the JSON API and the form without JavaScript', async () => {
  const p = await petitionWithQuestions();
  const other = await petitionWithQuestions();
  const [night, walking] = p.commute.choices.map((c) => c.id);

  assert.deepEqual(await errorsOf(p.slug, {}), { [`answers.${p.commute.id}`]: ['answerRequired'] });
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: 'c0000000' } }),
    { [`answers.${p.commute.id}`]: ['answerInvalid'] },
    'a choice not offered',
  );
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: [night] } }),
    { [`answers.${p.commute.id}`]: ['answerInvalid'] },
    'a list for one choice',
  );
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: other.commute.choices[0]!.id } }),
    { [`answers.${p.commute.id}`]: ['answerInvalid'] },
    "another petition's choice",
  );
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: night, [p.workplace.id]: 'x'.repeat(5000) } }),
    { [`answers.${p.workplace.id}`]: ['answerTooLong'] },
    'a 5000-character answer',
  );
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: night, [p.workplace.id]: ['a', 'b'] } }),
    { [`answers.${p.workplace.id}`]: ['answerInvalid'] },
    'a list for a text',
  );
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: night, [other.workplace.id]: 'Depot' } }),
    { answers: ['answersUnknown'] },
    "an answer to another petition's question",
  );
  assert.deepEqual(await errorsOf(p.slug, { answers: 'yes' }), { answers: ['answersInvalid'] });
  assert.deepEqual(await errorsOf(p.slug, { answers: { [p.commute.id]: night, [p.union.id]: 'maybe' } }), { [`answers.${p.union.id}`]: ['answerInvalid'] });
  assert.deepEqual(
    await errorsOf(p.slug, { answers: { [p.commute.id]: night, [p.shifts.id]: [...Array(30)].map(() => p.shifts.choices[0]!.id) } }),
    { [`answers.${p.shifts.id}`]: ['answerInvalid'] },
    'more ticks than choices',
  );
  // Invisible characters are no answer: a required question stays unanswered, an optional one is left out.
  assert.deepEqual(await errorsOf(p.slug, { answers: { [p.commute.id]: '\u200b' } }), { [`answers.${p.commute.id}`]: ['answerInvalid'] });
  assert.equal(await errorsOf(p.slug, { answers: { [p.commute.id]: walking, [p.workplace.id]: '\u200b\u2066 \u2069' } }), 'pending_confirmation');
  const [blank] = await app.sql`select answers from signatures where petition_id = ${p.id} order by id desc limit 1`;
  assert.deepEqual(blank!.answers, { [p.commute.id]: walking });

  // The JSON API says what to answer: the questions with their ids, and the consent texts.
  const read = await (await getPetitionApi(new Request(`${APP_URL}/api/petitions/${p.slug}`), { params: Promise.resolve({ slug: p.slug }) })).json();
  assert.deepEqual(read.questions[0], {
    id: p.commute.id,
    kind: 'one',
    required: true,
    label: 'How do you get to work?',
    choices: p.commute.choices.map((c) => ({ id: c.id, label: c.label.en })),
  });
  assert.deepEqual(read.consent, {
    controller: { name: 'Transport Workers United', url: 'https://twu.example.org/privacy' },
    partner: "May the Workers' Solidarity Network contact you?",
  });

  // The JSON API: the errors in the caller's language, keyed by the question's field.
  const res = await signApi(
    new Request(`${APP_URL}/api/petitions/${p.slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ar' },
      body: JSON.stringify({ ...valid, email: 'api@example.org', locale: 'ar', answers: { [p.commute.id]: 'nope' } }),
    }),
    { params: Promise.resolve({ slug: p.slug }) },
  );
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { errors: { [`answers.${p.commute.id}`]: ['يُرجى الاختيار من الإجابات المعروضة.'] } });
  const long = await signApi(
    new Request(`${APP_URL}/api/petitions/${p.slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...valid, email: 'api-long@example.org', answers: { [p.commute.id]: night, [p.workplace.id]: 'x'.repeat(5000) } }),
    }),
    { params: Promise.resolve({ slug: p.slug }) },
  );
  assert.deepEqual(await long.json(), { errors: { [`answers.${p.workplace.id}`]: ['Please shorten your answer to 300 characters or fewer.'] } });

  // The form without JavaScript: back to the page with the error next to the question and the rest kept.
  const body = new URLSearchParams({ ...valid, email: 'nojs@example.org', comment: 'Kept', [`answers.${p.workplace.id}`]: 'Depot 4' });
  const refused = await formRoute(
    new Request(`${APP_URL}/api/petitions/${p.slug}/sign`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL },
      body: body.toString(),
    }),
    { params: Promise.resolve({ slug: p.slug }) },
  );
  assert.equal(refused.status, 303);
  const cookie = refused.headers.get('set-cookie')!.match(/sign_form=([^;]+)/)![1];
  const flash = decodeSignFormFlash(cookie);
  assert.ok(flash?.status === 'invalid', JSON.stringify(flash));
  assert.deepEqual(flash.errors, { [`answers.${p.commute.id}`]: ['answerRequired'] });
  assert.equal(flash.values[`answers.${p.workplace.id}`], 'Depot 4');
  assert.equal(flash.values.comment, 'Kept');

  // The same form answered: ticked boxes of a several-choice question arrive as repeated fields.
  body.set(`answers.${p.commute.id}`, night!);
  body.append(`answers.${p.shifts.id}`, p.shifts.choices[0]!.id);
  body.append(`answers.${p.shifts.id}`, p.shifts.choices[1]!.id);
  body.set(`answers.${p.union.id}`, 'yes');
  const signed = await formRoute(
    new Request(`${APP_URL}/api/petitions/${p.slug}/sign`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL },
      body: body.toString(),
    }),
    { params: Promise.resolve({ slug: p.slug }) },
  );
  assert.equal(signed.status, 303);
  assert.match(signed.headers.get('location')!, /\/signed$/);
  const [stored] = await app.sql`select answers from signatures where canonical_email = ${keyOf('nojs@example.org')}`;
  assert.deepEqual(stored!.answers, {
    [p.commute.id]: night,
    [p.workplace.id]: 'Depot 4',
    [p.shifts.id]: p.shifts.choices.map((c) => c.id),
    [p.union.id]: 'yes',
  });
});

test('answers and consents are stored with the signature, shown to organisers, in the CSV one column per question, and the partner list has only its consenters', async () => {
  const p = await petitionWithQuestions();
  const [night, walking] = p.commute.choices.map((c) => c.id);
  const sign = (email: string, extra: Record<string, unknown>) => signPetition(p.slug, { ...valid, email, ...extra });
  assert.equal(
    (await sign('both@example.org', { updates: true, partner: true, answers: { [p.commute.id]: night, [p.workplace.id]: 'Depot, "North"' } })).status,
    'pending_confirmation',
  );
  assert.equal((await sign('updates@example.org', { updates: true, answers: { [p.commute.id]: walking } })).status, 'pending_confirmation');
  assert.equal((await sign('partner-ar@example.org', { locale: 'ar', partner: 'on', answers: { [p.commute.id]: walking } })).status, 'pending_confirmation');
  assert.equal((await sign('none@example.org', { answers: { [p.commute.id]: night } })).status, 'pending_confirmation');
  const before = Date.now();

  const rows = await app.sql<{ key: string; consents: Record<string, { text: string; language: string; givenAt: string; controller?: string }> | null }[]>`
    select canonical_email as key, consents from signatures where petition_id = ${p.id} order by id`;
  const emailOf = Object.fromEntries(['both@example.org', 'updates@example.org', 'partner-ar@example.org', 'none@example.org'].map((e) => [keyOf(e), e]));
  const byEmail = Object.fromEntries(rows.map((r) => [emailOf[r.key], r.consents]));
  assert.deepEqual(Object.keys(byEmail['both@example.org']).sort(), ['partner', 'updates']);
  assert.equal(byEmail['both@example.org']!.updates!.text, 'Email me updates about this petition from Transport Workers United');
  assert.equal(byEmail['both@example.org']!.updates!.controller, 'Transport Workers United');
  assert.equal(byEmail['both@example.org']!.partner!.text, "May the Workers' Solidarity Network contact you?");
  assert.ok(Math.abs(Date.parse(byEmail['both@example.org']!.partner!.givenAt) - before) < 60_000, 'when it was given');
  assert.deepEqual(Object.keys(byEmail['updates@example.org']), ['updates']);
  assert.deepEqual(byEmail['partner-ar@example.org'], {
    partner: {
      text: 'هل يمكن لشبكة تضامن العمال التواصل معك؟',
      language: 'ar',
      controller: 'اتحاد عمال النقل',
      givenAt: byEmail['partner-ar@example.org']!.partner!.givenAt,
    },
  });
  assert.equal(byEmail['none@example.org'], null, 'no consent, nothing recorded');

  await app.sql`update signatures set status = 'confirmed', confirmed_at = now() where petition_id = ${p.id}`;

  const list = (await listSignaturesForOrganiser(owner, p.slug))!;
  const both = list.find((s) => s.name && s.email === 'both@example.org')!;
  assert.deepEqual(both.answers, { [p.commute.id]: night, [p.workplace.id]: 'Depot, "North"' });
  assert.deepEqual(Object.keys(both.consents ?? {}).sort(), ['partner', 'updates']);

  const csv = async (purpose: 'signatures' | 'partner') =>
    (await new Response((await exportSignatures(owner, p.slug, 'confirmed', purpose))!.stream).text()).replace(/^\uFEFF/, '');
  const all = await csv('signatures');
  const [header, ...lines] = all.trimEnd().split('\r\n');
  assert.equal(
    header,
    'name,email,country,city_or_postcode,comment,status,created_at,confirmed_at,source,opted_in_to_updates,consent_updates,consent_partner,How do you get to work?,Your workplace,Which shifts?,Are you a union member?',
  );
  assert.equal(lines.length, 4);
  const line = (email: string) => lines.find((l) => l.includes(email)) ?? '';
  assert.match(line('both@example.org'), /,yes,\d{4}-[^,]+,\d{4}-[^,]+,Night bus,"Depot, ""North""",,$/);
  assert.match(line('updates@example.org'), /,yes,\d{4}-[^,]+,,Walking,,,$/);
  const partnerOnly = lines.find((l) => l.endsWith(',Walking,,,') && !l.includes('updates@'))!;
  assert.match(partnerOnly, /,no,,\d{4}-[^,]+,Walking,,,$/, 'partner consent without updates: no email in the signatures CSV');
  assert.ok(!partnerOnly.includes('partner-ar@example.org'));

  const partner = await csv('partner');
  const partnerLines = partner.trimEnd().split('\r\n').slice(1);
  assert.deepEqual(partnerLines.map((l) => l.split(',')[1]).sort(), ['both@example.org', 'partner-ar@example.org'], 'only those who agreed to the partner');

  // The row reader other exports (webhooks, the organiser API) use gives the same answers and consents.
  const read = [];
  for await (const chunk of readSignerRows(p.id, { scope: 'confirmed', purpose: 'partner' })) read.push(...chunk);
  assert.deepEqual(
    read.map((r) => Object.keys(r.consents ?? {}).includes('partner')),
    [true, true],
  );
  assert.deepEqual(read.find((r) => r.email === 'both@example.org')!.answers, { [p.commute.id]: night, [p.workplace.id]: 'Depot, "North"' });

  // A withdrawn signer's answers and consents are not shown, like their name.
  await app.sql`update signatures set status = 'withdrawn', withdrawn_at = now() where canonical_email = ${keyOf('both@example.org')}`;
  const gone = (await listSignaturesForOrganiser(owner, p.slug))!.find((s) => s.status === 'withdrawn')!;
  assert.deepEqual({ answers: gone.answers, consents: gone.consents }, { answers: null, consents: null });
  assert.ok(!(await csv('partner')).includes('both@example.org'));
});

test('editing the questions keeps the stored answers meaning what they meant', async () => {
  const p = await petitionWithQuestions();
  const [night, walking, car] = p.commute.choices;
  await signPetition(p.slug, { ...valid, email: 'before@example.org', answers: { [p.commute.id]: car!.id } });
  await app.sql`update signatures set status = 'confirmed', confirmed_at = now() where petition_id = ${p.id}`;

  // Reordered, "Car" removed, "Walking" reworded in Arabic only, a new choice; the text question removed.
  assert.deepEqual(
    await saveSignForm(owner, p.slug, {
      questions: [
        {
          id: p.commute.id,
          kind: 'one',
          required: true,
          label: { en: 'How do you get to work?' },
          choices: [{ label: { en: 'Walking', ar: 'على الأقدام' } }, { label: { en: 'Night bus' } }, { label: { en: 'Bicycle' } }],
        },
        { id: p.union.id, kind: 'text', required: false, label: { en: 'Union?' }, choices: [] },
      ],
      dataController: null,
      partnerOptIn: null,
    }),
    { status: 'done' },
  );
  const [row] = await app.sql<{ questions: { id: string; choices: { id: string; retired?: boolean; label: Record<string, string> }[] }[] }[]>`
    select questions from petitions where id = ${p.id}`;
  const [commute, union] = row!.questions;
  assert.equal(commute!.id, p.commute.id, 'the question keeps its id');
  assert.equal(commute!.choices.find((c) => c.label.en === 'Walking')!.id, walking!.id);
  assert.equal(commute!.choices.find((c) => c.label.en === 'Night bus')!.id, night!.id);
  assert.deepEqual(
    commute!.choices.find((c) => c.id === car!.id),
    { ...car, retired: true },
    'a removed choice is kept, retired',
  );
  assert.notEqual(union!.id, p.union.id, 'a question whose kind changed is a new question');

  // The retired choice is no longer offered, but the answer given with it still reads as "Car".
  assert.deepEqual(await errorsOf(p.slug, { answers: { [p.commute.id]: car!.id } }), { [`answers.${p.commute.id}`]: ['answerInvalid'] });
  const csv = await new Response((await exportSignatures(owner, p.slug, 'confirmed'))!.stream).text();
  assert.match(csv, /,How do you get to work\?,Union\?\r\n/);
  assert.match(csv, /,Car,\r\n/);
});

test('an at-risk petition takes no partner consent and loses the answers when the signature is confirmed', async () => {
  const p = await petitionWithQuestions();
  assert.deepEqual(await switchToAtRisk(owner, p.slug, true), { status: 'done', cleared: 0 });
  assert.equal(
    (await signPetition(p.slug, { ...valid, email: 'risk@example.org', updates: true, partner: true, answers: { [p.commute.id]: p.commute.choices[0]!.id } }))
      .status,
    'pending_confirmation',
  );
  const [pending] = await app.sql`select answers, consents from signatures where petition_id = ${p.id}`;
  assert.deepEqual(pending!.answers, { [p.commute.id]: p.commute.choices[0]!.id }, 'kept until confirmation, like the address');
  assert.equal(pending!.consents, null, 'no consent to be contacted is taken');

  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'risk@example.org');
  const confirmed = await confirmSignature(confirmationLinkOf(mail).split('/confirm/')[1]!);
  assert.equal(confirmed.status, 'confirmed');
  const [after] = await app.sql`select answers, consents, status from signatures where petition_id = ${p.id}`;
  assert.deepEqual(after, { answers: null, consents: null, status: 'confirmed' });
});

test("a signer's data download includes their answers and consents, and anonymisation removes both", async () => {
  const p = await petitionWithQuestions();
  await signPetition(p.slug, {
    ...valid,
    email: 'mine@example.org',
    updates: true,
    answers: { [p.commute.id]: p.commute.choices[1]!.id, [p.workplace.id]: 'Depot 7' },
  });
  const [row] =
    await app.sql`update signatures set status = 'confirmed', confirmed_at = now() where canonical_email = ${keyOf('mine@example.org')} returning id`;
  const data = await exportSignerData(await issueManageToken(Number(row!.id)));
  assert.deepEqual(data?.answers, { [p.commute.id]: p.commute.choices[1]!.id, [p.workplace.id]: 'Depot 7' });
  assert.equal(data?.consents?.updates?.text, 'Email me updates about this petition from Transport Workers United');

  await app.sql`update petitions set status = 'closed', closed_at = now() - interval '400 days' where id = ${p.id}`;
  assert.ok((await anonymiseClosedPetitions()) >= 1);
  const [gone] = await app.sql`select answers, consents from signatures where id = ${row!.id}`;
  assert.deepEqual(gone, { answers: null, consents: null });
});

test('hostile answers never fail the request: a field error or a signature, and what is stored is bounded', async () => {
  const p = await petitionWithQuestions();
  const ids = [p.commute.id, p.workplace.id, p.shifts.id, p.union.id, 'q0000000', '__proto__', 'constructor'];
  const choiceIds = [...p.commute.choices, ...p.shifts.choices].map((c) => c.id);
  const value = fc.oneof(
    fc.constantFrom(...choiceIds, 'yes', 'no', '', '\u0000', '\ud800', 'x'.repeat(5000), '\u200b'),
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.array(fc.constantFrom(...choiceIds, 'c0000000', ''), { maxLength: 25 }),
    fc.integer(),
    fc.constant(null),
    fc.object({ maxDepth: 1 }),
  );
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.dictionary(fc.constantFrom(...ids), value, { maxKeys: 6 }), fc.boolean(), fc.boolean(), async (answers, flat, answered) => {
      n += 1;
      // Half the time the required question is answered, so the other answers decide alone.
      if (answered) answers[p.commute.id] = choiceIds[0]!;
      const raw = flat
        ? Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answers.${k}`, v]))
        : { answers: JSON.parse(JSON.stringify(answers)) as unknown };
      const r = await signPetition(p.slug, { ...valid, email: `fuzz${n}@example.org`, ...raw });
      assert.ok(r.status === 'invalid' || r.status === 'pending_confirmation', r.status);
      if (r.status === 'invalid') for (const field of Object.keys(r.errors)) assert.match(field, /^answers(\.q[a-z0-9]+)?$/, field);
    }),
    { numRuns: 300 },
  );
  const [size] = await app.sql`select coalesce(max(octet_length(answers::text)), 0) as most, count(*)::int as n from signatures where petition_id = ${p.id}`;
  assert.ok(size!.most <= 16384, `largest stored answers: ${size!.most} bytes`);
  assert.ok(size!.n > 0, 'some hostile inputs were valid answers and were stored');
});
