import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';
import { recipientOf, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { keyOf } from '../support/signers';

let app: Awaited<ReturnType<typeof startBackend>>;
let revived: SmtpSink | undefined;
before(async () => {
  app = await startBackend();
});
after(async () => {
  await revived?.stop();
  await app.stop();
});

test('signing while the SMTP server is down loses nothing: the email goes out once it is back', async () => {
  const port = app.smtp.port;
  await app.smtp.stop();
  const petition = await app.createPetition();
  const result = await signPetition(petition.slug, { name: 'Ines', email: 'ines@example.org', country: 'PT' });
  assert.equal(result.status, 'pending_confirmation', 'signing does not wait for mail');

  // Wait until the worker has tried and failed at least once.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [job] = await app.sql`select attempts, last_error from graphile_worker.jobs`;
    if (job && job.attempts > 0 && job.last_error) break;
    assert.ok(Date.now() < deadline, 'the worker never tried to send');
    await new Promise((r) => setTimeout(r, 100));
  }
  const { n } = (await app.sql`select count(*)::int as n from signatures where canonical_email = ${keyOf('ines@example.org')}`)[0]!;
  assert.equal(n, 1, 'the signature is stored');

  revived = await startSmtpSink({ port });
  const mail = await revived.waitFor((m) => recipientOf(m) === 'ines@example.org', 30_000);
  assert.match(mail.subject ?? '', /confirm your signature/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(revived.messages.filter((m) => recipientOf(m) === 'ines@example.org').length, 1, 'sent once');
});
