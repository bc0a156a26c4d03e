import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { requestAnotherSignatureEmail } from '@/lib/signatures/request-resend';
import { POST as signForm } from '@/app/api/petitions/[slug]/sign/route';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { loginInput, requestLoginLink } from '@/lib/auth/login';
import type { Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { reportPetition } from '@/lib/moderation/reports';
import { inviteOrganiser } from '@/lib/organisers/invites';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { keyOf, openedSignatures } from '../support/signers';
import { recipientOf, sourceOf } from '../support/smtp-sink';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend();
});
after(() => app.stop());

async function organiser(email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  return { id: row!.id as string, email, isAdmin: false };
}

test('a NUL character in the "report this petition" form is a field error, not a server error, and nothing is stored', async () => {
  const petition = await app.createPetition({ status: 'open' });
  const result = await reportPetition(petition.slug, { reason: 'spam', details: 'Look at this\u0000', email: '' }, '10.1.1.1');
  assert.deepEqual(result, { status: 'invalid', errors: { details: ['detailsInvalid'] } });
  const withEmail = await reportPetition(petition.slug, { reason: 'spam', details: 'ok', email: 'x\u0000@example.org' }, '10.1.1.1');
  assert.equal(withEmail.status, 'invalid');
  const [{ n }] = (await app.sql`select count(*)::int as n from petition_reports where petition_id = ${petition.id}`) as unknown as [{ n: number }];
  assert.equal(n, 0);
  // The same report without the NUL is taken, with its line breaks stored as \n.
  assert.deepEqual(await reportPetition(petition.slug, { reason: 'spam', details: 'Line one\r\nLine two', email: '' }, '10.1.1.1'), { status: 'received' });
  const [row] = await app.sql`select details from petition_reports where petition_id = ${petition.id}`;
  assert.equal(row!.details, 'Line one\nLine two');
});

test('without JavaScript, a comment of 497 letters and 3 line breaks (sent as CRLF) is taken, as the counter promised', async () => {
  const petition = await app.createPetition({ status: 'open' });
  const comment = ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(90), 'd'.repeat(7)].join('\r\n');
  const body = new URLSearchParams({ name: 'Ines Duarte', email: 'ines.crlf@example.org', country: 'PT', comment, locale: 'en' });
  const res = await signForm(
    new Request(`http://app.test/api/petitions/${petition.slug}/sign`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [CLIENT_IP_HEADER]: '10.2.2.2' },
      body,
    }),
    { params: Promise.resolve({ slug: petition.slug }) },
  );
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/p/${petition.slug}/signed`, 'the check-inbox page, not the form with "too long"');
  const [row] = await openedSignatures(petition.id);
  assert.equal(row!.comment, comment.replaceAll('\r\n', '\n'));
  assert.equal([...row!.comment].length, 500);
});

test('the JSON API refuses an invisible name and a name carrying a link, with the field error in the signer’s language', async () => {
  const petition = await app.createPetition({ status: 'open' });
  const post = (body: object) =>
    signApi(
      new Request(`http://app.test/api/petitions/${petition.slug}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: '10.3.3.3' },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ slug: petition.slug }) },
    );
  const invisible = await post({ name: '\u200b', email: 'zw@example.org', country: 'FR' });
  assert.equal(invisible.status, 400);
  assert.deepEqual(await invisible.json(), { errors: { name: ['Please enter your name.'] } });
  const link = await post({ name: 'Your account is locked, unlock at https://evil.example/unlock', email: 'victim@example.org', country: 'FR', locale: 'fa' });
  assert.equal(link.status, 400);
  assert.deepEqual(await link.json(), { errors: { name: ['لطفاً فقط نام خود را وارد کنید، بدون نشانی وب‌سایت، نشانی ایمیل یا نشانه‌های < و >.'] } });
  const [{ n }] = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id}`) as unknown as [{ n: number }];
  assert.equal(n, 0, 'nothing stored, nothing mailed');
});

test('an address at an internationalised domain, typed in Unicode or in punycode, is one signature, and its email goes to the punycode address', async () => {
  const petition = await app.createPetition({ status: 'open' });
  const puny = 'amira@xn--mgbh0fb.xn--wgbh1c';
  assert.deepEqual(await signPetition(petition.slug, { name: 'Amira Haddad', email: puny, country: 'EG' }, { ip: '10.4.4.4' }), {
    status: 'pending_confirmation',
    email: puny,
    slug: petition.slug,
  });
  assert.deepEqual(await signPetition(petition.slug, { name: 'Amira Haddad', email: 'Amira@مثال.مصر', country: 'EG' }, { ip: '10.4.4.5' }), {
    status: 'pending_confirmation',
    email: 'Amira@xn--mgbh0fb.xn--wgbh1c',
    slug: petition.slug,
  });
  const rows = await app.sql`select canonical_email, email_domain, email_host from signatures where petition_id = ${petition.id}`;
  assert.deepEqual(
    rows.map((r) => ({ ...r })),
    [{ canonical_email: keyOf(puny), email_domain: 'xn--mgbh0fb.xn--wgbh1c', email_host: 'xn--mgbh0fb.xn--wgbh1c' }],
  );
  assert.deepEqual(
    (await openedSignatures(petition.id)).map((r) => r.email),
    [puny],
  );
  // mailparser shows the To header's domain in Unicode; the message's source says which form was sent.
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'amira@مثال.مصر');
  assert.match(sourceOf(mail), /^To: amira@xn--mgbh0fb\.xn--wgbh1c\r$/m, 'addressed to the ASCII form');

  // The organiser finds it by the address in either form (once the signer confirmed and asked for
  // updates: organisers see no other signer's email).
  await app.sql`update signatures set status = 'confirmed', confirmed_at = now(), wants_updates = true where petition_id = ${petition.id}`;
  const owner = await organiser(`owner-${petition.slug}@example.org`);
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.id}, 'owner')`;
  for (const q of [puny, 'amira@مثال.مصر'])
    assert.deepEqual(
      (await listSignaturesForOrganiser(owner, petition.slug, { q }))?.map((s) => s.email),
      [puny],
      q,
    );

  // "Send it again", typed in Unicode, finds the same signature.
  await app.sql`update signatures set last_emailed_at = now() - interval '1 hour' where petition_id = ${petition.id}`;
  const [before] = await app.sql`select emails_sent from signatures where petition_id = ${petition.id}`;
  const form = new FormData();
  form.set('email', 'amira@مثال.مصر');
  assert.deepEqual(await requestAnotherSignatureEmail(petition.slug, form.get('email'), null), { status: 'resent' });
  const [afterResend] = await app.sql`select emails_sent from signatures where petition_id = ${petition.id}`;
  assert.equal(afterResend!.emails_sent, before!.emails_sent + 1);
});

test('sign-in and invitations take an internationalised address in either form, as one account address', async () => {
  const parsed = loginInput.parse({ email: 'Reza@ایران.ایران' });
  assert.equal(parsed.email, 'Reza@xn--mgba3a4f16a.xn--mgba3a4f16a');
  await requestLoginLink(parsed.email, { locale: 'fa', next: '/dashboard' });
  const mail = await app.smtp.waitFor((m) => recipientOf(m) === 'reza@ایران.ایران');
  assert.match(sourceOf(mail), /^To: reza@xn--mgba3a4f16a\.xn--mgba3a4f16a\r$/m);

  const petition = await app.createPetition({ status: 'open' });
  const owner = await organiser(`inviter-${petition.slug}@example.org`);
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.id}, 'owner')`;
  assert.equal(await inviteOrganiser(owner, petition.slug, 'amira@مثال.مصر', 'ar'), 'invited');
  assert.equal(await inviteOrganiser(owner, petition.slug, 'amira\u0000@example.org', 'ar'), 'invalid');
  const invites = await app.sql`select email from organiser_invites where petition_id = ${petition.id}`;
  assert.deepEqual(
    invites.map((r) => r.email),
    ['amira@xn--mgbh0fb.xn--wgbh1c'],
  );
});

test('a hostile address in "send it again" or the dashboard search is answered, not a server error', async () => {
  const petition = await app.createPetition({ status: 'open' });
  const owner = await organiser(`search-${petition.slug}@example.org`);
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.id}, 'owner')`;
  for (const value of ['a\u0000b@example.org', '\ud800@example.org', 'x'.repeat(10_000)]) {
    const form = new FormData();
    form.set('email', value);
    assert.deepEqual(await requestAnotherSignatureEmail(petition.slug, form.get('email'), null), { status: 'resent' });
    assert.deepEqual(await listSignaturesForOrganiser(owner, petition.slug, { q: value }), []);
    assert.deepEqual(await listSignaturesForOrganiser(owner, petition.slug, { q: value.replace('@', ' ') }), []);
  }
});
