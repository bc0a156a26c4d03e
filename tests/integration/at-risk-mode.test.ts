import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inRequestScope } from '../support/request-scope';
import { GET as exportRoute } from '@/app/api/dashboard/petitions/[slug]/export/route';
import { createSession, type Organiser } from '@/lib/auth/session';
import { translatorFor } from '@/lib/i18n/translate';
import { GET as getCountries } from '@/app/api/petitions/[slug]/countries/route';
import { GET as deliveryDocument } from '@/app/[locale]/(site)/p/[slug]/deliveries/[id]/route';
import { GET as deliveryList } from '@/app/api/petitions/[slug]/deliveries/[id]/list/route';
import { getDashboard, listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { exportSignatures } from '@/lib/exports/signatures';
import { deliverPetition } from '@/lib/deliveries/deliver';
import { getSignatureCount } from '@/lib/petitions/counts';
import { signaturesByCountry, signaturesPerHour } from '@/lib/petitions/open-data';
import { switchToAtRisk } from '@/lib/petitions/switch-to-at-risk';
import { applyRetention } from '@/lib/privacy/retention';
import { confirmSignature } from '@/lib/signatures/confirm';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { confirmationLinkOf, recipientOf } from '../support/smtp-sink';
import { openedSignatures } from '../support/signers';

// At-risk mode: a signer of such a petition leaves nothing that names them once confirmed, while the
// count, the hourly series and the countries stay exact and the same address still cannot sign twice.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  app = await startBackend();
  const [a] = await app.sql`insert into accounts (email) values ('at-risk-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'at-risk-owner@example.org', isAdmin: false };
});
after(() => app.stop());

const TITLE = 'Free the detained bus drivers of Tehran';
const tokenOf = (link: string) => link.split('/confirm/')[1]!;
let ips = 0;

async function ownPetition(overrides: { title?: string } = {}) {
  const p = await app.createPetition({ title: TITLE, ...overrides });
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  return p;
}

async function signAndConfirm(slug: string, email: string, extra: Record<string, unknown> = {}) {
  const signed = await signPetition(
    slug,
    { name: 'Reza Tehrani', email, country: 'IR', postcode: '1234', comment: 'For my brother', ...extra },
    { ip: `198.51.100.${++ips}` },
  );
  assert.equal(signed.status, 'pending_confirmation');
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === email.toLowerCase());
  const confirmed = await confirmSignature(tokenOf(confirmationLinkOf(mail)));
  assert.equal(confirmed.status, 'confirmed');
  return mail;
}

/** Every personal column of the petition's signatures, and their links, as stored. */
async function stored(petitionId: string) {
  return app.sql<
    {
      id: string;
      name: Buffer | null;
      email: Buffer | null;
      canonical_email: string;
      postcode: Buffer | null;
      comment: Buffer | null;
      name_words: string[] | null;
      clear: number;
      ip_hash: Buffer | null;
      ip_network_hash: Buffer | null;
      email_domain: string | null;
      email_hash: Buffer | null;
      country: string;
      status: string;
      confirmed_at: Date | null;
      source: string | null;
      links: number;
    }[]
  >`
    select id, sealed_name as name, sealed_email as email, canonical_email, sealed_postcode as postcode, sealed_comment as comment, name_words,
           num_nonnulls(s.name, s.email, s.postcode, s.comment) as clear, ip_hash, ip_network_hash, email_domain, email_hash, country, status, confirmed_at, source,
           (select count(*)::int from signature_tokens t where t.signature_id = s.id) as links
    from signatures s where petition_id = ${petitionId} order by id`;
}

function assertNothingNames(row: Awaited<ReturnType<typeof stored>>[number]) {
  assert.equal(row.name, null);
  assert.equal(row.email, null);
  assert.equal(row.name_words, null);
  assert.equal(row.clear, 0);
  assert.doesNotMatch(row.canonical_email, /@/);
  assert.equal(row.postcode, null);
  assert.equal(row.comment, null);
  assert.equal(row.ip_hash, null);
  assert.equal(row.ip_network_hash, null);
  assert.equal(row.email_domain, null);
  assert.equal(row.links, 0, 'no link of the signer is kept');
  assert.equal(row.email_hash?.length, 32, 'the keyed hash of the address stays');
}

test('an at-risk petition keeps no name, email, postcode, comment or IP hash once a signature is confirmed, and its counts stay exact', async () => {
  const p = await ownPetition();
  assert.deepEqual(await switchToAtRisk(owner, p.slug, true), { status: 'done', cleared: 0 });
  await signAndConfirm(p.slug, 'reza@example.org', { source: 'telegram' });
  await signAndConfirm(p.slug, 'mina@example.org');
  await signAndConfirm(p.slug, 'lena@example.org', { country: 'DE' });

  const rows = await stored(p.id);
  assert.equal(rows.length, 3);
  for (const row of rows) {
    assertNothingNames(row);
    assert.equal(row.status, 'confirmed');
    assert.ok(row.confirmed_at instanceof Date, 'the confirmation time stays');
  }
  assert.equal(rows[0]!.source, 'telegram', 'the source stays');
  assert.deepEqual(
    rows.map((r) => r.country),
    ['IR', 'IR', 'DE'],
    'the country stays',
  );
  // Nothing of the signers anywhere in the table's text.
  const [dump] = await app.sql<{ text: string }[]>`select string_agg(s::text, ' ') as text from signatures s where petition_id = ${p.id}`;
  for (const word of ['reza', 'mina', 'lena', 'Tehrani', '1234', 'brother', 'example.org']) assert.ok(!dump!.text.includes(word), word);

  assert.equal(await getSignatureCount(p.id), 3);
  const hours = await signaturesPerHour(p.slug, { to: new Date(Date.now() + 3_600_000), days: 1 });
  assert.equal(
    hours!.hours.reduce((n, h) => n + h.signatures, 0),
    3,
  );
  const byCountry = await signaturesByCountry(p.slug);
  assert.equal(byCountry!.signatureCount, 3);
});

test('the same address cannot sign an at-risk petition twice, even once its email is gone', async () => {
  const p = await ownPetition();
  await switchToAtRisk(owner, p.slug, true);
  await signAndConfirm(p.slug, 'Sara.Ahmadi@gmail.com');
  // The same address as Gmail reads it: case, dots and a +tag do not make another signer.
  for (const email of ['sara.ahmadi@gmail.com', 'saraahmadi+again@gmail.com', 'SARAAHMADI@googlemail.com']) {
    assert.equal((await signPetition(p.slug, { name: 'Sara Again', email, country: 'IR' })).status, 'pending_confirmation');
  }
  const rows = await stored(p.id);
  assert.equal(rows.length, 1, 'no second signature');
  assertNothingNames(rows[0]!);
  assert.equal(await getSignatureCount(p.id), 1);
  // Another address signs as usual.
  await signAndConfirm(p.slug, 'other@example.org');
  assert.equal(await getSignatureCount(p.id), 2);
});

test('an at-risk petition records no one as brought by another, and its signers share no referral code', async () => {
  const p = await ownPetition();
  await switchToAtRisk(owner, p.slug, true);
  await signPetition(p.slug, { name: 'First Sharer', email: 'sharer@example.org', country: 'IR' }, { ip: `198.51.100.${++ips}` });
  const [sharer] = await app.sql<{ referral_code: string }[]>`select referral_code from signatures where petition_id = ${p.id}`;
  await signPetition(p.slug, { name: 'Brought Along', email: 'friend@example.org', country: 'IR', ref: sharer!.referral_code }, { ip: `198.51.100.${++ips}` });
  const links = await Promise.all(['sharer@example.org', 'friend@example.org'].map((e) => app.smtp.waitFor((m) => recipientOf(m) === e)));
  const results = await Promise.all(links.map((mail) => confirmSignature(tokenOf(confirmationLinkOf(mail)))));
  for (const r of results) assert.ok(r.status === 'confirmed' && r.referral.code === null, 'no code to share');
  const rows = await app.sql<
    { referral_code: string; referred_by: string | null }[]
  >`select referral_code, referred_by from signatures where petition_id = ${p.id}`;
  assert.deepEqual(
    rows.map((r) => r.referred_by),
    [null, null],
  );
  assert.ok(!rows.some((r) => r.referral_code === sharer!.referral_code), 'a code seen in a shared link finds no row');
});

test("an at-risk petition's confirmation email names neither the petition nor the signer, from the instance's neutral sender", async () => {
  const p = await ownPetition();
  await switchToAtRisk(owner, p.slug, true);
  const en = await signAndConfirm(p.slug, 'neutral-en@example.org');
  assert.equal(en.subject, 'Confirm your email address');
  assert.equal(en.from?.value[0]?.name, 'Notifications');
  const fa = await signAndConfirm(p.slug, 'neutral-fa@example.org', { locale: 'fa', name: 'مینا' });
  assert.equal(fa.subject, 'نشانی ایمیل خود را تأیید کنید');
  for (const mail of [en, fa]) {
    for (const part of [mail.subject ?? '', mail.text ?? '', String(mail.html)]) {
      assert.ok(!part.includes(TITLE), 'the title is nowhere in the email');
      assert.ok(!part.includes('bus drivers'), 'nor any of its words');
      assert.ok(!part.includes('Reza') && !part.includes('مینا'), 'nor the name');
      // Its address is made from the title: the links name no petition either.
      assert.ok(!part.includes(p.slug) && !part.includes('/p/'), 'nor its address');
    }
  }
  assert.match(confirmationLinkOf(en), /^http:\/\/[^/]+\/confirm\/[A-Za-z0-9_-]+$/);
  assert.match(confirmationLinkOf(fa), /^http:\/\/[^/]+\/fa\/confirm\/[A-Za-z0-9_-]+$/);
  // An ordinary petition's email still names it.
  const ordinary = await ownPetition({ title: 'Mend the bridge' });
  await signPetition(ordinary.slug, { name: 'Ann', email: 'ordinary@example.org', country: 'GB' });
  assert.match((await app.smtp.waitFor((m) => recipientOf(m) === 'ordinary@example.org')).subject ?? '', /Mend the bridge/);
});

test("switching a petition to at-risk mode removes its confirmed signers' data at once, keeps the count, and cannot be undone", async () => {
  const p = await ownPetition();
  await signAndConfirm(p.slug, 'before-1@example.org');
  await signAndConfirm(p.slug, 'before-2@example.org', { country: 'SE' });
  await signPetition(p.slug, { name: 'Still Pending', email: 'pending@example.org', country: 'IR' });
  const pendingMail = await app.smtp.waitFor((m) => recipientOf(m) === 'pending@example.org');
  assert.equal(await getSignatureCount(p.id), 2);

  // A stranger cannot, and the organiser must acknowledge what is lost.
  const stranger = { id: '00000000-0000-4000-8000-000000000000', email: 'stranger@example.org', isAdmin: false };
  assert.deepEqual(await switchToAtRisk(stranger, p.slug, true), { status: 'not_found' });
  assert.deepEqual(await switchToAtRisk(owner, p.slug, false), { status: 'not_acknowledged' });
  assert.equal((await app.sql`select at_risk_at from petitions where id = ${p.id}`)[0]!.at_risk_at, null);

  assert.deepEqual(await switchToAtRisk(owner, p.slug, true), { status: 'done', cleared: 2 });
  const rows = await stored(p.id);
  assertNothingNames(rows[0]!);
  assertNothingNames(rows[1]!);
  assert.deepEqual([rows[0]!.country, rows[1]!.country], ['IR', 'SE']);
  assert.equal((await openedSignatures(p.id))[2]!.email, 'pending@example.org', 'a pending signer keeps their address until they confirm');
  assert.equal(await getSignatureCount(p.id), 2);

  // The pending one confirms later: its data goes then; the earlier signers still cannot sign again.
  await confirmSignature(tokenOf(confirmationLinkOf(pendingMail)));
  assertNothingNames((await stored(p.id))[2]!);
  await signPetition(p.slug, { name: 'Again', email: 'before-1@example.org', country: 'IR' });
  assert.equal((await stored(p.id)).length, 3);
  assert.equal(await getSignatureCount(p.id), 3);

  // Never off: switching again keeps the first time, and nothing turns it off.
  const [{ at_risk_at: first }] = (await app.sql`select at_risk_at from petitions where id = ${p.id}`) as [{ at_risk_at: Date }];
  assert.ok(first instanceof Date);
  assert.deepEqual(await switchToAtRisk(owner, p.slug, true), { status: 'done', cleared: 0 });
  assert.deepEqual((await app.sql`select at_risk_at from petitions where id = ${p.id}`)[0]!.at_risk_at, first);
});

test("the retention job removes the address of an at-risk petition's signature left unconfirmed past its link", async () => {
  const p = await ownPetition();
  await switchToAtRisk(owner, p.slug, true);
  await signPetition(p.slug, { name: 'Never Confirmed', email: 'never@example.org', country: 'IR', comment: 'later' });
  await app.smtp.waitFor((m) => recipientOf(m) === 'never@example.org');
  await applyRetention();
  assert.equal((await openedSignatures(p.id))[0]!.email, 'never@example.org', 'kept while the link works');
  await app.sql`update signatures set last_emailed_at = now() - interval '15 days', created_at = now() - interval '15 days' where petition_id = ${p.id}`;
  await applyRetention();
  const [row] = await stored(p.id);
  assert.equal(row!.name, null);
  assert.equal(row!.email, null);
  assert.equal(row!.comment, null);
  assert.equal(row!.status, 'pending');
  assert.equal(await getSignatureCount(p.id), 0);
});

test('a country with 3 signers of an at-risk petition shows as "fewer than 10" in the API, the dashboard and the delivery document, which names no one', async () => {
  const p = await ownPetition();
  await app.sql`delete from petition_targets where petition_id = ${p.id}`;
  await app.sql`insert into petition_targets (petition_id, position, name, role, email, language) values (${p.id}, 0, 'ILO Office', '', ${`ilo-${p.id}@example.org`}, 'en')`;
  await app.sql`
    insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, show_name)
    select ${p.id}, 'Signer' || g || ' Karimi', 'c' || g || '@example.org', 'c' || g || '@example.org', case when g <= 12 then 'IR' else 'DE' end, 'confirmed', now(), true
    from generate_series(1, 15) g`;
  await app.sealLegacySignatures();
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, 0, 15)`;
  assert.deepEqual(await switchToAtRisk(owner, p.slug, true), { status: 'done', cleared: 15 });

  const api = await (
    await getCountries(new Request(`http://app.test/api/petitions/${p.slug}/countries`), { params: Promise.resolve({ slug: p.slug }) })
  ).json();
  assert.deepEqual(api, {
    slug: p.slug,
    signatureCount: 15,
    countries: [
      // IR is hidden too: the total (15) minus a shown IR (12) would give DE's 3.
      { country: 'IR', signatures: null, fewerThan: 20 },
      { country: 'DE', signatures: null, fewerThan: 10 },
    ],
  });
  const dashboard = await getDashboard(owner, p.slug);
  assert.deepEqual(dashboard!.countries, [
    { key: 'IR', count: null, fewerThan: 20 },
    { key: 'DE', count: null, fewerThan: 10 },
  ]);
  assert.equal(dashboard!.figures.confirmed, 15, 'the count stays exact');
  // No per-signer list or export for organisers either: each row would give one signer's country and time.
  assert.deepEqual(await listSignaturesForOrganiser(owner, p.slug), []);
  assert.equal(await exportSignatures(owner, p.slug, 'all'), null);
  // The export's address says why there is nothing, in the organiser's language, not "no petition of yours".
  const session = await createSession(owner.id);
  const exported = await inRequestScope({ cookie: `undersign_session=${session}` }, () =>
    exportRoute(new Request(`http://app.test/api/dashboard/petitions/${p.slug}/export?scope=all`, { headers: { 'accept-language': 'fa' } }), {
      params: Promise.resolve({ slug: p.slug }),
    }),
  );
  assert.equal(exported.status, 409);
  assert.deepEqual(await exported.json(), { error: 'at_risk', message: translatorFor('fa')('api.atRiskNoExport') });

  const delivered = await deliverPetition(owner, p.slug, { mode: 'all', targets: [], message: '' }, 'en');
  assert.equal(delivered.status, 'queued');
  const id = delivered.status === 'queued' ? delivered.deliveryId : '';
  const html = await (await deliveryDocument(new Request('http://app.test/x'), { params: Promise.resolve({ locale: 'en', slug: p.slug, id }) })).text();
  assert.match(html, /15 confirmed signatures from 2 countries/);
  assert.match(html, /<td class="n">fewer than 10<\/td>/);
  assert.match(html, /<td class="n">fewer than 20<\/td>/);
  assert.doesNotMatch(html, /<td class="n">12<\/td>/);
  assert.ok(!html.includes('<td class="n">3</td>'));
  assert.match(html, /[0-9a-f]{64}/, 'the fingerprint');
  assert.ok(!html.includes('Signer') && !html.includes('class="names"'), 'no names, nor a list for them');
  const fa = await (await deliveryDocument(new Request('http://app.test/x'), { params: Promise.resolve({ locale: 'fa', slug: p.slug, id }) })).text();
  assert.ok(fa.includes('کمتر از ۱۰'), 'in Persian too');
  // The open list would give each signer's country and confirmation time, line by line: withheld.
  const list = await deliveryList(new Request('http://app.test/x'), { params: Promise.resolve({ slug: p.slug, id }) });
  assert.equal(list.status, 404);
  assert.equal(((await list.json()) as { error: string }).error, 'withheld');
});
