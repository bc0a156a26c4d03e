import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { compileQuery } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser, organiserSignaturesQuery } from '@/lib/dashboard/queries';
import { invalidateByRule, previewBulkRule } from '@/lib/moderation/invalidate';
import { FOLD_MAPPED_FROM, FOLD_REMOVED, foldName } from '@/lib/text/fold-name';
import { startBackend } from '../support/app';
import { openedSignatures } from '../support/signers';

// Organiser search and bulk rules compare names folded (lib/text/fold-name.ts on the typed side,
// fold_name() in PostgreSQL on the stored side): the two must agree exactly, or a spelling is missed.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  app = await startBackend({ worker: false });
  const [a] = await app.sql`insert into accounts (email) values ('fold-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'fold-owner@example.org', isAdmin: false };
});
after(() => app.stop());

async function ownedPetition() {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  return p;
}

async function addSigners(petitionId: string, names: string[]) {
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at)
    select ${petitionId}, n, 's' || i || '@example.org', 's' || i || '@example.org', 'example.org', 'IR', 'confirmed', now()
    from unnest(${names}::text[]) with ordinality as t(n, i)`;
  await app.sealLegacySignatures();
}

const CORPUS = [
  // Every character the fold maps or removes, alone and between letters.
  ...[...(FOLD_MAPPED_FROM + FOLD_REMOVED)].flatMap((c) => [c, `a${c}b`, `${c}ΣΑ`]),
  'علي',
  'علی',
  'على',
  'كريم',
  'کریم',
  'أحمد',
  'إبراهيم',
  'آرش',
  'ٱلله',
  'فاطمة',
  'خانۀ',
  'مُحَمَّد',
  'مـحـمـد',
  'علی‌رضا',
  '۱۲۳ ٤٥٦',
  'ﻛﺮﻳﻢ',
  'ﻻ',
  'ﷲ',
  'مسؤول',
  'مسئول',
  'Zainab ALI',
  'Élodie Œuvre',
  'İstanbul',
  'ΟΔΟΣ Σ',
  'ẞtraße',
  'Ａｌｉ',
  'ﬁnn',
  'Привет МИР',
  'Ǆemal',
  '\u202eevil\u202c',
  'x\u200b\u200cy',
  '😀 Emoji',
  '漢字',
  'e\u0301',
  'I\u0307stanbul',
  'ASCII Only, Tab\there',
  'ΣΑΣ ascii',
  '',
];

test('the TypeScript fold and PostgreSQL’s fold_name() agree on every character of the table and on a corpus of names', async () => {
  const rows = await app.sql<{ input: string; folded: string }[]>`select input, fold_name(input) as folded from unnest(${CORPUS}::text[]) as t(input)`;
  assert.equal(rows.length, CORPUS.length);
  const disagreements = rows
    .filter((r) => r.folded !== foldName(r.input))
    .map((r) => `${JSON.stringify(r.input)}: sql ${JSON.stringify(r.folded)}, ts ${JSON.stringify(foldName(r.input))}`);
  assert.deepEqual(disagreements, []);
});

test('an organiser searching with Persian letters finds names typed on an Arabic keyboard, and the other way round', async () => {
  const p = await ownedPetition();
  await addSigners(p.id, ['علي رضايي', 'کریم کاظمی', 'فاطمة الزهراء', 'أحمد ۱۲', 'Tom Berg']);
  const names = async (q: string) => (await listSignaturesForOrganiser(owner, p.slug, { q }))!.map((s) => s.name).sort();
  assert.deepEqual(await names('علی'), ['علي رضايي']);
  assert.deepEqual(await names('علي'), ['علي رضايي']);
  assert.deepEqual(await names('كريم كاظمي'), ['کریم کاظمی']);
  assert.deepEqual(await names('فاطمه'), ['فاطمة الزهراء']);
  assert.deepEqual(await names('احمد 12'), ['أحمد ۱۲']);
  assert.deepEqual(await names('TOM'), ['Tom Berg']);
});

test('a bulk rule written in one spelling matches names in the other', async () => {
  const p = await ownedPetition();
  await addSigners(p.id, ['کریم بات', 'كريم بوت', 'عبدالكريم', 'Real Person', 'سارا']);
  assert.deepEqual(await previewBulkRule(owner, p.slug, { namePattern: '*كريم*' }), {
    status: 'matched',
    matching: 3,
    counted: 3,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await previewBulkRule(owner, p.slug, { namePattern: 'کریم*' }), {
    status: 'matched',
    matching: 2,
    counted: 2,
    held: 0,
    restorable: 0,
    matchesAll: false,
  });
  assert.deepEqual(await invalidateByRule(owner, p.slug, { namePattern: '*كريم*' }), { status: 'done', changed: 3, countChange: -3 });
  const left = (await openedSignatures(p.id)).filter((r) => r.status === 'confirmed').map((r) => r.name!);
  assert.deepEqual(left.sort(), ['Real Person', 'سارا']);
});

test('searching by whole words of a name reads the word-hash index, not the petition’s rows, and a word’s start finds nothing', async () => {
  const p = await ownedPetition();
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, created_at)
    select ${p.id}, (array['علی ', 'كريم ', 'Zainab ', 'Tom '])[1 + g % 4] || g, 'b' || g || '@example.org', 'b' || g || '@example.org',
           'IR', 'confirmed', now(), now() - make_interval(secs => g)
    from generate_series(1, 20000) g`;
  await app.sealLegacySignatures();
  await app.sql`analyze signatures`;
  const { text, params } = compileQuery(organiserSignaturesQuery(p.id, { q: 'علی 124' }));
  const plan = (await app.sql.unsafe(`explain ${text}`, params)).map((r) => r['QUERY PLAN']).join('\n');
  assert.match(plan, /signatures_name_words_idx/, plan);
  // Typed with the Arabic yeh, stored with the Persian one: found all the same, by both words in any order.
  const names = async (q: string) => (await listSignaturesForOrganiser(owner, p.slug, { q, limit: 100 }))!.map((s) => s.name).sort();
  assert.deepEqual(await names('علي 124'), ['علی 124']);
  assert.deepEqual(await names('124 علي'), ['علی 124']);
  assert.equal((await names('علي')).length, 100, 'one word: every name with it (to the limit)');
  // Whole words only: the start of a word or of a number is no word of any name.
  assert.deepEqual(await names('عل'), []);
  assert.deepEqual(await names('علي 12'), ['علی 12']);
  assert.deepEqual(await names('Zain'), []);
});
