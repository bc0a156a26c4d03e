import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { deliverPetition } from '@/lib/deliveries/deliver';
import { deliverDuePetitions } from '@/lib/deliveries/deliver-due';
import { fingerprintLine, fingerprintOf } from '@/lib/deliveries/fingerprint';
import { saveDeliveryPlan } from '@/lib/deliveries/plans';
import { deliveryLimits } from '@/lib/deliveries/schemas';
import { listPublicDeliveries } from '@/lib/deliveries/queries';
import { sendDeliveryEmail } from '@/lib/deliveries/send-delivery-email';
import { GET as deliveryDocument } from '@/app/[locale]/(site)/p/[slug]/deliveries/[id]/route';
import { GET as deliveryList } from '@/app/api/petitions/[slug]/deliveries/[id]/list/route';
import { createHash } from 'node:crypto';
import { startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ workerConcurrency: 4 });
});
after(() => app.stop());

/** Resolves once every delivery email queued so far was sent (stamped). */
async function deliveriesSent(): Promise<void> {
  const end = Date.now() + 20_000;
  while ((await app.sql`select count(*)::int as n from delivery_recipients where sent_at is null`)[0]!.n > 0) {
    if (Date.now() > end) throw new Error('delivery emails still pending');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function organiserOf(petitionId: string, email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petitionId}, ${row!.id}, 'owner')`;
  return { id: row!.id, email, isAdmin: false };
}

/** A petition with two emailed targets (English, Arabic), one without email, and `n` confirmed signers across countries. */
async function petitionWithSigners(title: string, n: number, goal = 1000, surname: string | null = null) {
  const petition = await app.createPetition({ title, goal });
  await app.sql`delete from petition_targets where petition_id = ${petition.id}`;
  await app.sql`insert into petition_targets (petition_id, position, name, role, email, language) values
    (${petition.id}, 0, 'ILO Office', 'Country office', ${`ilo-${petition.id}@example.org`}, 'en'),
    (${petition.id}, 1, 'سفارة إيران', 'سفارة', ${`embassy-${petition.id}@example.org`}, 'ar'),
    (${petition.id}, 2, 'The Judiciary', '', null, 'fa')`;
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, show_name)
    select ${petition.id}, case when ${surname}::text is null then 'Signer ' || g else 'Signer' || g || ' ' || ${surname}::text end, 's' || g || '@example.org', 's' || g || '@example.org', (array['IR','FR','DE'])[1 + g % 3], 'confirmed',
           now() - (g || ' minutes')::interval, g % 2 = 0
    from generate_series(1, ${n}) g`;
  await app.sealLegacySignatures();
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${petition.id}, 0, ${n})`;
  return petition;
}

test('a test delivery goes to the organiser alone; a delivery sends each emailed target one email in its language, Reply-To the organiser', async () => {
  const petition = await petitionWithSigners('Free the workers', 7);
  const owner = await organiserOf(petition.id, 'deliverer@example.org');

  const trial = await deliverPetition(owner, petition.slug, { mode: 'test', targets: [], message: 'Hello' }, 'en');
  assert.equal(trial.status, 'queued');
  const testMail = await app.smtp.waitFor((m) => recipientOf(m) === 'deliverer@example.org');
  assert.equal(testMail.subject, '[Test] Petition: “Free the workers”');
  assert.match(testMail.text ?? '', /7 confirmed signers from 3 countries/);
  assert.deepEqual(await listPublicDeliveries(petition.id), [], 'a test is not a delivery');

  const real = await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: 'We ask for a meeting.' }, 'en');
  assert.equal(real.status === 'queued' && real.recipients, 2);
  const english = await app.smtp.waitFor((m) => recipientOf(m) === `ilo-${petition.id}@example.org`);
  const arabic = await app.smtp.waitFor((m) => recipientOf(m) === `embassy-${petition.id}@example.org`);
  assert.equal(english.subject, 'Petition: “Free the workers”');
  assert.match(english.text ?? '', /Dear ILO Office,/);
  assert.match(english.text ?? '', /We ask for a meeting\./);
  assert.match(english.text ?? '', /Stop the dumping/);
  assert.equal(english.replyTo?.text, 'deliverer@example.org');
  const deliveryId = real.status === 'queued' ? real.deliveryId : '';
  assert.ok(english.text?.includes(`http://app.test/p/${petition.slug}/deliveries/${deliveryId}`), english.text);
  assert.match(english.text ?? '', /http:\/\/app\.test\/respond\/[A-Za-z0-9_-]{43}/);
  assert.equal(arabic.subject, 'عريضة: «Free the workers»');
  assert.ok(String(arabic.html).includes(`dir="rtl"`));
  assert.ok(arabic.text?.includes(`http://app.test/ar/p/${petition.slug}/deliveries/${deliveryId}`), arabic.text);

  // A retried or resumed job sends nobody twice.
  await deliveriesSent();
  const [recipient] = await app.sql`select id from delivery_recipients where delivery_id = ${deliveryId} order by id limit 1`;
  assert.equal(await sendDeliveryEmail(Number(recipient!.id)), 'skipped');
  assert.equal(app.smtp.messages.filter((m) => recipientOf(m) === `ilo-${petition.id}@example.org`).length, 1);

  const [publicDelivery] = await listPublicDeliveries(petition.id);
  assert.deepEqual(publicDelivery?.to, ['ILO Office', 'سفارة إيران']);
  assert.equal(publicDelivery?.signatureCount, 7);

  // Choosing only a target without an email records nothing.
  const [judiciary] = await app.sql`select id from petition_targets where petition_id = ${petition.id} and email is null`;
  assert.deepEqual(await deliverPetition(owner, petition.slug, { mode: 'chosen', targets: [judiciary!.id], message: '' }, 'en'), { status: 'no_recipients' });
  assert.equal((await app.sql`select count(*)::int as n from deliveries where petition_id = ${petition.id}`)[0]!.n, 2);
});

test('the fingerprint is reproducible from the list as delivered, and later changes do not alter that list', async () => {
  const petition = await petitionWithSigners('Fingerprinted', 25);
  const owner = await organiserOf(petition.id, 'fingerprint@example.org');
  const result = await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: '' }, 'en');
  assert.equal(result.status, 'queued');
  const id = result.status === 'queued' ? result.deliveryId : '';
  const [delivery] = await app.sql`select fingerprint, signature_count from deliveries where id = ${id}`;
  const expected = await app.sql`
    select s.id, to_char(s.confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t, s.country
    from signatures s where s.petition_id = ${petition.id} and s.status = 'confirmed' order by s.id`;
  assert.equal(delivery!.signature_count, 25);
  assert.equal(delivery!.fingerprint, fingerprintOf(expected.map((s) => fingerprintLine({ signatureId: s.id, confirmedAt: s.t, country: s.country }))));
  assert.match(delivery!.fingerprint, /^[0-9a-f]{64}$/);

  await app.sql`update signatures set status = 'withdrawn' where petition_id = ${petition.id} and id = ${expected[0]!.id}`;
  const kept = await app.sql`select count(*)::int as n from delivery_signatures where delivery_id = ${id}`;
  assert.equal(kept[0]!.n, 25, 'the delivered list stays as delivered');
});

test('an automatic delivery at a milestone happens once with several workers checking at once', async () => {
  const petition = await petitionWithSigners('Automatic', 120, 5000);
  const owner = await organiserOf(petition.id, 'auto@example.org');
  assert.deepEqual(await saveDeliveryPlan(owner, petition.slug, { atCount: '100', message: 'Reached 100.' }), { status: 'saved' });
  const made = await Promise.all(Array.from({ length: 8 }, () => deliverDuePetitions()));
  assert.equal(
    made.reduce((a, b) => a + b, 0),
    1,
  );
  assert.equal(await deliverDuePetitions(), 0);
  await deliveriesSent();
  await new Promise((r) => setTimeout(r, 500));
  for (const address of [`ilo-${petition.id}@example.org`, `embassy-${petition.id}@example.org`]) {
    assert.equal(app.smtp.messages.filter((m) => recipientOf(m) === address).length, 1, address);
  }
  const rows = await app.sql`select kind, trigger from deliveries where petition_id = ${petition.id}`;
  assert.deepEqual([...rows], [{ kind: 'milestone', trigger: 100 }]);
});

test('the delivery document lists only consenting signers as first name and initial, right-to-left in Arabic; the open list hashes to the fingerprint', async () => {
  const petition = await petitionWithSigners('Documented', 30, 1000, 'Karimi');
  const owner = await organiserOf(petition.id, 'document@example.org');
  const result = await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: '' }, 'en');
  const id = result.status === 'queued' ? result.deliveryId : '';
  const ctx = (locale: string) => ({ params: Promise.resolve({ locale, slug: petition.slug, id }) });

  const english = await deliveryDocument(new Request('http://app.test/x'), ctx('en'));
  assert.equal(english.status, 200);
  const html = await english.text();
  assert.match(html, /<html lang="en" dir="ltr">/);
  assert.match(html, /30 confirmed signatures from 3 countries/);
  assert.ok(html.includes('<bdi>Signer2 K.</bdi>'), 'a consenting signer: first name and initial');
  assert.ok(!html.includes('Signer1 K.') && !html.includes('Karimi'), 'a signer who did not agree is not named; no full surname');
  assert.ok(!html.includes('@example.org'), 'no email address');
  assert.match(html, /@bottom-center\{content:counter\(page\)/, 'page numbers when printed');
  const arabic = await (await deliveryDocument(new Request('http://app.test/x'), ctx('ar'))).text();
  assert.match(arabic, /<html lang="ar" dir="rtl">/);
  assert.match(arabic, /<time datetime=/);

  const list = await deliveryList(new Request('http://app.test/x'), { params: Promise.resolve({ slug: petition.slug, id }) });
  const text = await list.text();
  assert.equal(text.split('\n').length, 31);
  assert.match(text.split('\n')[0]!, /^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z,[A-Z]{2}$/);
  const [delivery] = await app.sql`select fingerprint from deliveries where id = ${id}`;
  assert.equal(createHash('sha256').update(text).digest('hex'), delivery!.fingerprint);
  assert.equal(list.headers.get('x-fingerprint-sha256'), delivery!.fingerprint);

  // A test delivery's document (its email links to it) says it is a test; another petition's slug finds nothing.
  const trial = await deliverPetition(owner, petition.slug, { mode: 'test', targets: [], message: '' }, 'en');
  const trialId = trial.status === 'queued' ? trial.deliveryId : '';
  const trialDoc = await deliveryDocument(new Request('http://app.test/x'), { params: Promise.resolve({ locale: 'en', slug: petition.slug, id: trialId }) });
  assert.match(await trialDoc.text(), /<strong>Test<\/strong>/);
  const other = await app.createPetition({ title: 'Elsewhere' });
  assert.equal((await deliveryDocument(new Request('http://app.test/x'), { params: Promise.resolve({ locale: 'en', slug: other.slug, id }) })).status, 404);
});

test('an organiser cannot turn delivery into a mailer: beyond the daily cap nothing is recorded or sent', async () => {
  const petition = await petitionWithSigners('Capped deliveries', 3);
  const owner = await organiserOf(petition.id, `capped-${petition.id}@example.org`);
  for (let i = 0; i < deliveryLimits.perDay; i++) {
    const r = await deliverPetition(owner, petition.slug, { mode: i % 2 ? 'all' : 'test', targets: [], message: `Round ${i}` }, 'en');
    assert.equal(r.status, 'queued');
  }
  const refused = await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: 'One more' }, 'en');
  assert.equal(refused.status, 'too_many');
  const [row] = await app.sql`select count(*)::int as n from deliveries where petition_id = ${petition.id}`;
  assert.equal(row!.n, deliveryLimits.perDay);
  await deliveriesSent();
});

test("a test delivery's public document never shows the organiser's email; a missing document answers in the reader's language", async () => {
  const petition = await petitionWithSigners('Tested document', 2);
  const owner = await organiserOf(petition.id, `tester-${petition.id}@example.org`);
  const trial = await deliverPetition(owner, petition.slug, { mode: 'test', targets: [], message: '' }, 'en');
  const id = trial.status === 'queued' ? trial.deliveryId : '';
  const html = await (await deliveryDocument(new Request('http://app.test/x'), { params: Promise.resolve({ locale: 'en', slug: petition.slug, id }) })).text();
  assert.match(html, /<strong>Test<\/strong>/);
  assert.ok(!html.includes(owner.email), "the organiser's address is not on the page");
  const missing = await deliveryDocument(new Request('http://app.test/x'), {
    params: Promise.resolve({ locale: 'ar', slug: petition.slug, id: '00000000-0000-0000-0000-000000000000' }),
  });
  assert.equal(missing.status, 404);
  const page = await missing.text();
  assert.ok(page.includes('لا يوجد تسليم على هذا العنوان.'), page);
  assert.match(page, /<html lang="ar" dir="rtl">/);
  await deliveriesSent();
});

test('a petition the moderators hid cannot be delivered by hand', async () => {
  const petition = await petitionWithSigners('Hidden by moderators', 2);
  const owner = await organiserOf(petition.id, `hidden-${petition.id}@example.org`);
  await app.sql`update petitions set hidden_at = now() where id = ${petition.id}`;
  assert.deepEqual(await deliverPetition(owner, petition.slug, { mode: 'all', targets: [], message: 'Still here' }, 'en'), { status: 'not_found' });
  const [row] = await app.sql`select count(*)::int as n from deliveries where petition_id = ${petition.id}`;
  assert.equal(row!.n, 0);
});
