import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { getDashboard, listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { exportSignatures } from '@/lib/exports/signatures';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { getPublicPetition } from '@/lib/petitions/queries';
import { nameProblem } from '@/lib/signatures/name-rule';
import { listRecentSigners } from '@/lib/signatures/queries';
import { signPetition } from '@/lib/signatures/sign';
import { signatureFormValues } from '@/lib/signatures/schemas';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

// Hostile values: huge strings, control characters, lone surrogates, markup, wrong types, and the
// keys that pollute prototypes when an object is merged carelessly.
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\r\nBcc: x@evil.example',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\ud800',
    '\udfff\ud800',
    '=cmd|/c calc!A1',
    '‮gnp.exe',
    'a'.repeat(100_000),
    '١٢٣',
    'نام',
  ),
  // What browsers send and what shows nothing or reorders a page: CRLF, bidi controls, invisible names.
  fc.constantFrom('two\r\nlines', '\u202eevil\u202c', '\u2066x\u2069', '\u200b', '\u3164', 'Zoe\u0308', 'unlock at https://evil.example', '\u0085', '\u009b'),
  fc.emailAddress(),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const fieldNames = fc.constantFrom(
  'name',
  'email',
  'country',
  'postcode',
  'comment',
  'showName',
  'updates',
  'source',
  'locale',
  'ref',
  'website',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
);
// Mostly valid with hostile free text: reaches the database with the strangest values it accepts.
const plausible = fc.record({
  name: fc.oneof(
    hostileString,
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    fc.constantFrom('Amira <b>Haddad</b>', 'علی رضایی', '"><svg onload=alert(1)>', 'Zoë \u202eevil'),
  ),
  email: fc.oneof(
    fc.emailAddress(),
    fc.uuid().map((u) => `f.${u.slice(0, 13)}+tag@example.org`),
  ),
  country: fc.constantFrom('FR', 'fr', 'IR', 'EG', 'XX'),
  comment: fc.oneof(hostileString, fc.string({ unit: 'grapheme', maxLength: 200 })),
  postcode: fc.oneof(hostileString, fc.constant(undefined)),
  showName: fc.constantFrom(true, 'on', undefined),
});
const hostileBody = fc.oneof(fc.dictionary(fieldNames, hostileValue, { maxKeys: 12 }), plausible, plausible);

test('thousands of random and hostile API bodies: always 2xx or 4xx, never a 5xx, and nothing polluted', async () => {
  const petition = await app.createPetition();
  let i = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof({ weight: 4, arbitrary: hostileBody.map((b) => JSON.stringify(b) ?? 'null') }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) }),
      async (body) => {
        const res = await signApi(
          new Request(`http://app.test/api/petitions/${petition.slug}/signatures`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: `10.0.${(i >> 8) & 255}.${i++ & 255}` },
            body,
          }),
          { params: Promise.resolve({ slug: petition.slug }) },
        );
        assert.ok(res.status >= 200 && res.status < 500, `status ${res.status} for ${String(body).slice(0, 200)}`);
        await res.json();
      },
    ),
    { numRuns: 2000 },
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Reads the method unbound on purpose, to compare it, never to call it.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- see above
  assert.equal(Object.prototype.toString, Object.prototype.toString);
  await expectEveryViewWorks(petition);
});

test('the sign form path (FormData, as the server action reads it) survives the same inputs', async () => {
  const petition = await app.createPetition();
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.dictionary(fieldNames, hostileString, { maxKeys: 12 }), plausible), async (fields) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, String(v));
      const result = await signPetition(petition.slug, signatureFormValues(form), { ip: '10.9.9.9' });
      assert.ok(['pending_confirmation', 'invalid'].includes(result.status), result.status);
    }),
    { numRuns: 1000 },
  );
  await expectEveryViewWorks(petition);
});

/** Every stored row can be shown: the public page data, the dashboard, the organiser list and the CSV export. */
async function expectEveryViewWorks(petition: { id: string; slug: string }) {
  const [{ n }] = (await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id}`) as unknown as [{ n: number }];
  assert.ok(n > 50, `only ${n} fuzzed signatures were stored`);
  const rows = await app.sql`select name, comment, postcode from signatures where petition_id = ${petition.id}`;
  for (const r of rows) {
    for (const v of [r.name, r.comment, r.postcode]) {
      if (v === null) continue;
      assert.ok((v as string).isWellFormed(), 'no broken surrogates stored');
      assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v as string), 'no control characters stored');
      assert.ok(!/[\r\u202A-\u202E\u2066-\u2069]/.test(v as string), 'line breaks as \\n, no bidi controls');
      assert.equal(v, (v as string).normalize('NFC'));
    }
    assert.equal(nameProblem(r.name as string), null, `a name with a letter and no address: ${JSON.stringify(r.name)}`);
  }
  assert.ok(await getPublicPetition(petition.slug));
  await app.sql`update signatures set status = 'confirmed', confirmed_at = now() where petition_id = ${petition.id}`;
  const signers = await listRecentSigners(petition.id, 50);
  assert.ok(Array.isArray(signers));
  const [account] = await app.sql`insert into accounts (email) values (${`fuzz-${petition.slug}@example.org`}) returning id`;
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${account!.id}, 'owner')`;
  const owner = { id: account!.id as string, email: `fuzz-${petition.slug}@example.org`, isAdmin: false };
  assert.ok(await getDashboard(owner, petition.slug));
  assert.ok(await listSignaturesForOrganiser(owner, petition.slug));
  const csv = await exportSignatures(owner, petition.slug, 'all');
  const text = await new Response(csv!.stream).text();
  assert.ok(text.split('\n').length > n, 'every row exported');
}
