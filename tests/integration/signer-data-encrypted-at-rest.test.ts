import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { forgetEnv } from '@/lib/env';
import { exportSignatures } from '@/lib/exports/signatures';
import { exportSignerData } from '@/lib/signatures/self-service';
import { forgetPetitionKeys } from '@/lib/privacy/petition-keys';
import { missingKeysProblem, rotatePetitionKeys } from '@/lib/privacy/maintain-keys';
import { confirmSignature } from '@/lib/signatures/confirm';
import { signPetition } from '@/lib/signatures/sign';
import { issueConfirmationToken, issueManageToken } from '@/lib/signatures/tokens';
import { startBackend } from '../support/app';
import { keyOf, openedSignatures } from '../support/signers';

// Signers' names, emails, postcodes and comments are sealed under per-petition keys the database
// does not hold: a copy of the database (pg_dump, as a backup or a seized server gives it) names no
// one, while every surface of the app still reads them, also after the application key is rotated.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  app = await startBackend({ workerConcurrency: 2 });
  const [a] = await app.sql`insert into accounts (email) values ('sealed-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'sealed-owner@example.org', isAdmin: false };
});
after(async () => {
  delete process.env.DATA_ENCRYPTION_KEY;
  delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
  forgetEnv();
  await app.stop();
});

async function ownedPetition() {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  return p;
}

const SIGNERS = [
  { name: 'Roxana Farahani', email: 'roxana.farahani@example.org', postcode: 'T-1983', comment: 'Freedom for Reza Shahabi', updates: true, confirm: true },
  { name: 'مریم کاظمی', email: 'maryam.kazemi@mail.example.net', postcode: '1439955', comment: 'برای کارگران زندانی', updates: true, confirm: true },
  { name: 'Keyvan Samimi', email: 'Keyvan.Samimi+petition@gmail.com', postcode: null, comment: 'Solidarity from Lyon', updates: false, confirm: true },
  { name: 'Parvaneh Ghorbani', email: 'parvaneh.ghorbani@example.com', postcode: 'SW1A 1AA', comment: 'not yet confirmed', updates: true, confirm: false },
];

async function signAll({ slug, id }: { slug: string; id: string }) {
  for (const s of SIGNERS) {
    await signPetition(slug, {
      name: s.name,
      email: s.email,
      country: 'IR',
      postcode: s.postcode ?? undefined,
      comment: s.comment,
      updates: s.updates,
      showName: true,
    });
  }
  for (const s of SIGNERS.filter((x) => x.confirm)) {
    const [row] = await app.sql`select id from signatures where petition_id = ${id} and canonical_email = ${keyOf(s.email)}`;
    await confirmSignature(await issueConfirmationToken(Number(row!.id)));
  }
}

const pgDump = async () => (await promisify(execFile)('/usr/bin/pg_dump', ['--no-owner', '--dbname', app.url], { maxBuffer: 256 * 1024 * 1024 })).stdout;

test('a pg_dump of a database with ordinary petitions names no signer: no name, email, postcode or comment in clear', async () => {
  const a = await ownedPetition();
  const b = await ownedPetition();
  await signAll(a);
  await signAll(b);
  // The confirmation emails went out (their links stored): everything the worker keeps is in the dump too.
  await app.smtp.waitFor((m) => JSON.stringify(m.to).includes('parvaneh.ghorbani@example.com'));
  const dump = await pgDump();
  assert.ok(dump.includes('sealed-owner@example.org') && dump.includes(a.slug), 'the dump is of this database, with its data');
  const lower = dump.toLowerCase();
  for (const s of SIGNERS) {
    const clear = [s.name, ...s.name.split(' '), s.email, s.email.toLowerCase(), s.email.split('@')[0]!, s.comment, s.postcode].filter((v): v is string =>
      Boolean(v),
    );
    for (const value of clear) assert.ok(!lower.includes(value.toLowerCase()), `the dump holds "${value}"`);
  }
  assert.ok(!lower.includes('keyvansamimi@gmail.com'), 'nor the canonical address');
  // And the app still reads them all.
  const rows = await openedSignatures(a.id);
  assert.deepEqual(
    rows.map((r) => r.name),
    SIGNERS.map((s) => s.name),
  );
});

test('the same address in another spelling is refused as before, and search finds an exact email and whole words of a confirmed name, not their starts', async () => {
  const p = await ownedPetition();
  await signAll(p);
  await signPetition(p.slug, { name: 'Someone Else', email: 'keyvansamimi@googlemail.com', country: 'FR' });
  await signPetition(p.slug, { name: 'Someone Else', email: 'ROXANA.FARAHANI@EXAMPLE.ORG', country: 'FR' });
  assert.equal((await openedSignatures(p.id)).length, SIGNERS.length, 'no second row for a second spelling');

  const find = async (q: string) => (await listSignaturesForOrganiser(owner, p.slug, { q }))!.map((s) => s.name);
  assert.deepEqual(await find('maryam.kazemi@mail.example.net'), ['مریم کاظمی']);
  assert.deepEqual(await find('Maryam.Kazemi@MAIL.example.net'), ['مریم کاظمی'], 'the canonical address, as duplicates are matched');
  assert.deepEqual(await find('maryam.kazemi@mail.example'), [], 'an email is found exactly, not by its start');
  assert.deepEqual(await find('keyvan.samimi@gmail.com'), [], 'an address only found where it would be shown (no updates asked)');
  assert.deepEqual(await find('farahani'), ['Roxana Farahani']);
  assert.deepEqual(await find('FARAHANI roxana'), ['Roxana Farahani'], 'every word, in any order, folded');
  assert.deepEqual(await find('كاظمي'), ['مریم کاظمی'], 'typed on an Arabic keyboard, stored with Persian letters');
  assert.deepEqual(await find('Farah'), [], 'the start of a word is not a word');
  assert.deepEqual(await find('Roxana Smith'), [], 'all the words must be there');

  // A name waiting for its confirmation is anyone's typing until the address's owner confirms it: not found by it yet.
  assert.deepEqual(await find('Ghorbani'), []);
  const [pending] = await app.sql`select id from signatures where petition_id = ${p.id} and canonical_email = ${keyOf('parvaneh.ghorbani@example.com')}`;
  await confirmSignature(await issueConfirmationToken(Number(pending!.id)));
  assert.deepEqual(await find('Ghorbani'), ['Parvaneh Ghorbani'], 'found once confirmed');
});

test('a sealed value moved to another signature, column or petition does not open: the reader refuses it', async () => {
  const p = await ownedPetition();
  const q = await ownedPetition();
  await signAll(p);
  await signAll(q);
  const [first, second] = await app.sql<{ id: string; sealed_name: Buffer; sealed_comment: Buffer }[]>`
    select id, sealed_name, sealed_comment from signatures where petition_id = ${p.id} order by id limit 2`;
  const list = () => listSignaturesForOrganiser(owner, p.slug);
  assert.equal((await list())!.length, SIGNERS.length);

  // Another signer's name, same petition and column.
  await app.sql`update signatures set sealed_name = ${second!.sealed_name} where id = ${first!.id}`;
  await assert.rejects(list(), /unable to authenticate|Unsupported state/);
  // The row's own comment in its name column.
  await app.sql`update signatures set sealed_name = ${first!.sealed_comment} where id = ${first!.id}`;
  await assert.rejects(list(), /unable to authenticate|Unsupported state/);
  // The same signer's name from the other petition (the same address, so the same key in both).
  const [other] = await app.sql<{ sealed_name: Buffer }[]>`select sealed_name from signatures where petition_id = ${q.id} order by id limit 1`;
  await app.sql`update signatures set sealed_name = ${other!.sealed_name} where id = ${first!.id}`;
  await assert.rejects(list(), /unable to authenticate|Unsupported state/);
  // Its own value back: readable again.
  await app.sql`update signatures set sealed_name = ${first!.sealed_name} where id = ${first!.id}`;
  assert.equal((await list())!.length, SIGNERS.length);
});

test('rotating the application key keeps every signature readable on the dashboard, the CSV and the data download, with the old key gone', async () => {
  const p = await ownedPetition();
  await signAll(p);
  const before = (await listSignaturesForOrganiser(owner, p.slug))!;
  const csv = async () => new Response((await exportSignatures(owner, p.slug, 'all'))!.stream).text();
  const csvBefore = await csv();
  const [pending] = await app.sql`select id from signatures where petition_id = ${p.id} and canonical_email = ${keyOf('parvaneh.ghorbani@example.com')}`;
  const manage = await issueManageToken(Number(pending!.id));

  // The new key, with the old one (the development default) as the previous during the rotation.
  const devKey = `dev:${Buffer.from('development-only-key-not-for-use').toString('base64')}`;
  process.env.DATA_ENCRYPTION_KEY = `k2:${Buffer.alloc(32, 42).toString('base64')}`;
  process.env.DATA_ENCRYPTION_KEY_PREVIOUS = devKey;
  forgetEnv();
  forgetPetitionKeys();
  assert.ok((await rotatePetitionKeys()) >= 1);
  assert.equal((await app.sql`select count(*)::int as n from petition_keys where key_id <> 'k2'`)[0]!.n, 0, 'every data key rewrapped');
  assert.equal(await rotatePetitionKeys(), 0, 'a second run has nothing to do');

  // The old key gone: everything still reads.
  delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
  forgetEnv();
  forgetPetitionKeys();
  assert.deepEqual(await listSignaturesForOrganiser(owner, p.slug), before);
  assert.equal(await csv(), csvBefore);
  assert.ok(csvBefore.includes('Roxana Farahani,roxana.farahani@example.org,IR,T-1983,Freedom for Reza Shahabi,confirmed'), csvBefore);
  assert.equal((await exportSignerData(manage))?.email, 'parvaneh.ghorbani@example.com');
  // Signing goes on under the new key.
  await signPetition(p.slug, { name: 'After Rotation', email: 'after.rotation@example.org', country: 'DE' });
  assert.ok((await openedSignatures(p.id)).some((r) => r.name === 'After Rotation'));

  // Without the key that wraps them, nothing opens: the database alone is not enough.
  process.env.DATA_ENCRYPTION_KEY = `k3:${Buffer.alloc(32, 43).toString('base64')}`;
  forgetEnv();
  forgetPetitionKeys();
  await assert.rejects(listSignaturesForOrganiser(owner, p.slug), /application key "k2"/);
  // And a server so configured refuses to start, saying which key it lacks, instead of failing requests.
  assert.match((await missingKeysProblem()) ?? '', /application key "k2", which this process does not hold \(DATA_ENCRYPTION_KEY is "k3"\)/);
  process.env.DATA_ENCRYPTION_KEY_PREVIOUS = `k2:${Buffer.alloc(32, 42).toString('base64')}`;
  forgetEnv();
  assert.equal(await missingKeysProblem(), null, 'with the key as the previous one, it starts');
  delete process.env.DATA_ENCRYPTION_KEY_PREVIOUS;
  process.env.DATA_ENCRYPTION_KEY = `k2:${Buffer.alloc(32, 42).toString('base64')}`;
  forgetEnv();
  forgetPetitionKeys();
});
