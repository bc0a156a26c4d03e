import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET as getPetition } from '@/app/api/petitions/[slug]/route';
import { GET as getCount } from '@/app/api/petitions/[slug]/count/route';
import { GET as getCountries } from '@/app/api/petitions/[slug]/countries/route';
import { GET as getCover } from '@/app/api/petitions/[slug]/cover/route';
import { GET as getPreview } from '@/app/api/petitions/[slug]/preview/route';
import { GET as getHourly } from '@/app/api/petitions/[slug]/signatures-per-hour/route';
import { POST as postSign } from '@/app/api/petitions/[slug]/sign/route';
import { POST as postSignature } from '@/app/api/petitions/[slug]/signatures/route';
import { GET as getOembed } from '@/app/api/oembed/route';
import type { Organiser } from '@/lib/auth/session';
import { reportPetition } from '@/lib/moderation/reports';
import { savePetition } from '@/lib/petitions/save';
import { decodeSignFormFlash, SIGN_FORM_FLASH_COOKIE } from '@/lib/signatures/form-flash';
import { queueAnotherSignatureEmail } from '@/lib/signatures/resend';
import { submitSignatureForm } from '@/lib/signatures/submit-form';
import { APP_URL, startBackend } from '../support/app';
import { recipientOf } from '../support/smtp-sink';
import { keyOf, openedSignatures } from '../support/signers';

// A published petition renamed through the editor: everything public at its old address keeps
// answering for it, and signing there signs it.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  app = await startBackend();
  const [row] = await app.sql`insert into accounts (email) values ('renamer@example.org') returning id`;
  owner = { id: row!.id, email: 'renamer@example.org', isAdmin: false };
});
after(() => app.stop());

const complete = { summary: 'The pool closes in June.', body: 'Body.', target: 'The Council', goal: '500', language: 'en', demands: ['Keep it open'] };
let n = 0;

/** A petition published at one address and then renamed to another; returns both slugs and its id. */
async function renamedPetition(): Promise<{ id: string; oldSlug: string; newSlug: string }> {
  n += 1;
  const oldSlug = `old-pool-${process.pid}-${n}`;
  const newSlug = `${oldSlug}-renamed`;
  assert.equal((await savePetition(owner, null, { ...complete, title: `Save the pool ${n}`, slug: oldSlug }, 'publish')).status, 'saved');
  assert.equal((await savePetition(owner, oldSlug, { ...complete, title: `Save the pool ${n}`, slug: newSlug }, 'draft')).status, 'saved');
  const [row] = await app.sql`select id from petitions where slug = ${newSlug}`;
  return { id: row!.id, oldSlug, newSlug };
}

const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });
const signer = (email: string) => ({ name: 'Old Tab', email, country: 'FR', comment: 'Typed before the rename' });

test('every read of the API and oEmbed at the old address answers for the renamed petition, naming its new address', async () => {
  const p = await renamedPetition();
  await app.sql`insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at)
    values (${p.id}, 'A', 'a-read@example.org', 'a-read@example.org', 'EG', 'confirmed', now())`;
  await app.sealLegacySignatures();
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, 0, 1)`;
  await app.sql`insert into petition_images (petition_id, data, content_type, width, height) values (${p.id}, ${Buffer.from('jpeg bytes')}, 'image/jpeg', 1200, 630)`;
  const at = (path: string) => new Request(`${APP_URL}/api/petitions/${p.oldSlug}${path}`);

  const petition = await getPetition(at(''), ctx(p.oldSlug));
  assert.equal(petition.status, 200);
  const body = await petition.json();
  assert.equal(body.slug, p.newSlug);
  assert.equal(body.url, `${APP_URL}/p/${p.newSlug}`);
  assert.equal(petition.headers.get('access-control-allow-origin'), '*', 'other sites can still read it');

  const count = await (await getCount(at('/count'), ctx(p.oldSlug))).json();
  assert.deepEqual([count.slug, count.signatureCount], [p.newSlug, 1]);
  const countries = await (await getCountries(at('/countries'), ctx(p.oldSlug))).json();
  assert.deepEqual(countries.countries, [{ country: 'EG', signatures: 1 }]);
  const hourly = await getHourly(at('/signatures-per-hour?days=1'), ctx(p.oldSlug));
  assert.equal(
    (await hourly.json()).hours.reduce((s: number, h: { signatures: number }) => s + h.signatures, 0),
    1,
  );

  const preview = await getPreview(at('/preview?locale=en'), ctx(p.oldSlug));
  assert.equal(preview.status, 200);
  assert.equal(preview.headers.get('content-type'), 'image/png');
  const cover = await getCover(at('/cover'), ctx(p.oldSlug));
  assert.equal(cover.status, 200);
  assert.equal(Buffer.from(await cover.arrayBuffer()).toString(), 'jpeg bytes');

  for (const page of [`/p/${p.oldSlug}`, `/ar/p/${p.oldSlug}/embed`]) {
    const res = await getOembed(new Request(`${APP_URL}/api/oembed?url=${encodeURIComponent(APP_URL + page)}`));
    assert.equal(res.status, 200, page);
    assert.match((await res.json()).html, new RegExp(`/p/${p.newSlug}/embed"`), page);
  }
});

test('signing at the old address, through the API, the plain form or the form’s action, signs the renamed petition', async () => {
  const p = await renamedPetition();
  const api = await postSignature(
    new Request(`${APP_URL}/api/petitions/${p.oldSlug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signer('api-old@example.org')),
    }),
    ctx(p.oldSlug),
  );
  assert.equal(api.status, 202);

  const form = new URLSearchParams({ ...signer('form-old@example.org'), locale: 'ar' });
  const plain = await postSign(
    new Request(`${APP_URL}/api/petitions/${p.oldSlug}/sign`, {
      method: 'POST',
      headers: { origin: APP_URL, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
    ctx(p.oldSlug),
  );
  assert.equal(plain.status, 303);
  assert.equal(plain.headers.get('location'), `/ar/p/${p.newSlug}/signed`, 'the "check your inbox" page at the new address, where its cookie is read');

  assert.equal((await submitSignatureForm(p.oldSlug, signer('action-old@example.org'), null)).status, 'sent', 'the server action bound to the old slug');

  const rows = (await openedSignatures(p.id)).sort((a, b) => a.email!.localeCompare(b.email!));
  assert.deepEqual(
    rows.map((r) => [r.email, r.comment]),
    [
      ['action-old@example.org', 'Typed before the rename'],
      ['api-old@example.org', 'Typed before the rename'],
      ['form-old@example.org', 'Typed before the rename'],
    ],
  );
  for (const email of ['api-old@example.org', 'form-old@example.org', 'action-old@example.org']) await app.smtp.waitFor((m) => recipientOf(m) === email);

  // "Send it again" from a page opened before the rename (after the resend interval).
  await app.sql`update signatures set last_emailed_at = now() - interval '1 hour' where canonical_email = ${keyOf('api-old@example.org')}`;
  await queueAnotherSignatureEmail({ slug: p.oldSlug }, 'api-old@example.org', { ip: null });
  await app.smtp.waitFor(
    (m) => recipientOf(m) === 'api-old@example.org' && app.smtp.messages.filter((x) => recipientOf(x) === 'api-old@example.org').length === 2,
  );
  // A report from a page opened before the rename.
  assert.deepEqual(await reportPetition(p.oldSlug, { reason: 'spam' }, null), { status: 'received' });
  assert.equal((await app.sql`select count(*)::int as n from petition_reports where petition_id = ${p.id}`)[0]!.n, 1);
});

test('a plain form at the old address that is refused goes back to the form at the new address, with what was typed', async () => {
  const p = await renamedPetition();
  const form = new URLSearchParams({ name: 'Old Tab', email: 'not an email', country: 'FR', comment: 'Keep this', locale: 'en' });
  const res = await postSign(
    new Request(`${APP_URL}/api/petitions/${p.oldSlug}/sign`, {
      method: 'POST',
      headers: { origin: APP_URL, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
    ctx(p.oldSlug),
  );
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/p/${p.newSlug}#sign-title`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SIGN_FORM_FLASH_COOKIE}=`))!;
  assert.match(cookie, new RegExp(`Path=/p/${p.newSlug}(;|$)`), 'the page at the new address can read it');
  const flash = decodeSignFormFlash(decodeURIComponent(cookie.slice(SIGN_FORM_FLASH_COOKIE.length + 1, cookie.indexOf(';'))));
  assert.equal(flash?.status, 'invalid');
  assert.equal(flash?.status === 'invalid' && flash.values.comment, 'Keep this');
});
