import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as formRoute } from '@/app/api/petitions/[slug]/sign/route';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { queueAnotherSignatureEmail } from '@/lib/signatures/resend';
import { signPetition } from '@/lib/signatures/sign';
import { submitSignatureForm } from '@/lib/signatures/submit-form';
import { APP_URL, startBackend } from '../support/app';
import { mailSettled } from '../support/mail-settled';
import { recipientOf } from '../support/smtp-sink';
import { keyOf } from '../support/signers';

// A double click without JavaScript, an impatient second press, a retried request: a repeat for the
// same petition and address within the resend interval sends nothing more, on every path.

let app: Awaited<ReturnType<typeof startBackend>>;
let slug: string;
before(async () => {
  app = await startBackend();
  slug = (await app.createPetition()).slug;
});
after(() => app.stop());

let n = 0;
const ip = () => `198.51.100.${(n % 200) + 1}`;
const fields = (email: string) => ({ name: 'Double Clicker', email, country: 'FR', locale: 'en' });

// Each path as the app calls it.
const paths: Record<string, (email: string) => Promise<unknown>> = {
  'the form without JavaScript': async (email) => {
    const res = await formRoute(
      new Request(`${APP_URL}/api/petitions/${slug}/sign`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL, [CLIENT_IP_HEADER]: ip() },
        body: new URLSearchParams(fields(email)).toString(),
      }),
      { params: Promise.resolve({ slug }) },
    );
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /\/signed$/);
  },
  // The server action's body (signAction reads the headers, then calls this).
  'the form with JavaScript (server action)': async (email) => {
    assert.equal((await submitSignatureForm(slug, fields(email), ip())).status, 'sent');
  },
  'the JSON API': async (email) => {
    const res = await signApi(
      new Request(`${APP_URL}/api/petitions/${slug}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: ip() },
        body: JSON.stringify(fields(email)),
      }),
      { params: Promise.resolve({ slug }) },
    );
    assert.equal(res.status, 202);
  },
};

const mailsTo = (email: string) => app.smtp.messages.filter((m) => recipientOf(m) === email).length;

for (const [name, post] of Object.entries(paths)) {
  test(`${name}: two posts in a row send one confirmation email`, async () => {
    const email = `twice-${++n}@example.com`;
    await post(email);
    await post(email);
    await mailSettled(app.sql);
    assert.equal(mailsTo(email), 1);
  });

  test(`${name}: ten posts at once send one confirmation email`, async () => {
    const email = `ten-${++n}@example.com`;
    await Promise.all(Array.from({ length: 10 }, () => post(email)));
    await mailSettled(app.sql);
    assert.equal(mailsTo(email), 1);
  });
}

test('"send it again" pressed twice, then ten times at once, right after signing: still the one email', async () => {
  const email = `resend-${++n}@example.com`;
  await signPetition(slug, fields(email), { ip: ip() });
  await queueAnotherSignatureEmail({ slug }, email, { ip: ip() });
  await queueAnotherSignatureEmail({ slug }, email, { ip: ip() });
  await Promise.all(Array.from({ length: 10 }, () => queueAnotherSignatureEmail({ slug }, email, { ip: ip() })));
  await mailSettled(app.sql);
  assert.equal(mailsTo(email), 1);
});

test('once the resend interval has passed, ten presses at once send exactly one more', async () => {
  const email = `later-${++n}@example.com`;
  await signPetition(slug, fields(email), { ip: ip() });
  await mailSettled(app.sql);
  await app.sql`update signatures set last_emailed_at = last_emailed_at - interval '1 minute' where canonical_email = ${keyOf(email)}`;
  await Promise.all([
    ...Array.from({ length: 5 }, () => queueAnotherSignatureEmail({ slug }, email, { ip: ip() })),
    ...Array.from({ length: 5 }, () => signPetition(slug, fields(email), { ip: ip() })),
  ]);
  await mailSettled(app.sql);
  assert.equal(mailsTo(email), 2);
});
