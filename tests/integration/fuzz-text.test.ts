import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { requestAnotherSignatureEmail } from '@/lib/signatures/request-resend';
import { loginInput, requestLoginLink } from '@/lib/auth/login';
import type { Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { LIMIT_NAMES, saveAbuseSettings } from '@/lib/moderation/abuse-settings';
import { bulkRuleFormValues } from '@/lib/moderation/bulk-rules';
import { previewBulkRule } from '@/lib/moderation/invalidate';
import { reportPetition } from '@/lib/moderation/reports';
import { inviteOrganiser } from '@/lib/organisers/invites';
import { declareVictory } from '@/lib/petitions/lifecycle';
import { savePetition } from '@/lib/petitions/save';
import { petitionFormValues } from '@/lib/petitions/schemas';
import { saveTranslation, translationFormValues } from '@/lib/petitions/translations';
import { isStorableText } from '@/lib/text/storable';
import { sendUpdate } from '@/lib/updates/updates';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

// Hostile text: what PostgreSQL refuses (NUL, lone surrogates), what reorders a page (bidi
// controls), what browsers send (CRLF), what shows nothing (zero-width, Hangul filler), what NFC
// changes, C1 controls, huge strings, and random mixtures of all of these with ordinary letters.
const pieces = [
  'a',
  'ب',
  'ی',
  ' ',
  '\r\n',
  '\r',
  '\n',
  '\u0000',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud800',
  '\udfff',
  '😀',
  '\u200b',
  '\u3164',
  'e\u0301',
  '\u0085',
  '\u009b',
  '\t',
  '<b>',
  'https://x.example',
  '@',
];
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
  fc.constantFrom('\u0000', 'x'.repeat(30_000), 'Zoe\u0308', '\u202eevil', 'line\r\nbreak', '\u200b'),
);
const hostileEmail = fc.oneof(
  hostileText,
  fc.emailAddress(),
  hostileText.map((t) => `amira${t}@example.org`),
  hostileText.map((t) => `amira@${t}.example`),
);

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

async function organiser(email: string, isAdmin = false): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  return { id: row!.id as string, email, isAdmin };
}

async function ownedPetition(owner: Organiser) {
  const petition = await app.createPetition({ status: 'open' });
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.id}, 'owner')`;
  return petition;
}

const runs = { numRuns: 150 };

test('hostile text in every organiser form that stores text: never a server error', async () => {
  const owner = await organiser('fuzz-owner@example.org');
  const petition = await ownedPetition(owner);

  // The editor, through the FormData it posts.
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        title: hostileText,
        slug: hostileText,
        summary: hostileText,
        body: hostileText,
        target: hostileText,
        demands: fc.array(hostileText, { maxLength: 3 }),
      }),
      async (v) => {
        const result = await savePetition(owner, null, petitionFormValues(form({ ...v, goal: '100', language: 'en' })), 'draft');
        assert.ok(['saved', 'invalid'].includes(result.status), result.status);
      },
    ),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(fc.record({ title: hostileText, summary: hostileText, target: hostileText, body: hostileText, demands: hostileText }), async (v) => {
      const result = await saveTranslation(owner, petition.slug, translationFormValues(form({ ...v, language: 'ar' })));
      assert.ok(['done', 'invalid'].includes(result), result);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileText, hostileText, async (subject, body) => {
      // A petition per update: the weekly cap would otherwise stop storing after three.
      const result = await sendUpdate(owner, (await ownedPetition(owner)).slug, { subject, body });
      assert.ok(['queued', 'invalid'].includes(result.status), result.status);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileText, async (message) => {
      const result = await declareVictory(owner, (await ownedPetition(owner)).slug, message);
      assert.ok(['done', 'invalid'].includes(result.status), result.status);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(fc.record({ namePattern: hostileText, emailDomain: hostileText }), fc.boolean(), async (v, both) => {
      const result = await previewBulkRule(owner, petition.slug, bulkRuleFormValues(form(both ? v : { namePattern: v.namePattern })));
      assert.ok(['matched', 'invalid'].includes(result.status), result.status);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileEmail, async (email) => {
      assert.ok(['invited', 'invalid', 'capped'].includes(await inviteOrganiser(owner, petition.slug, email, 'en')));
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileEmail, async (q) => {
      assert.ok(Array.isArray(await listSignaturesForOrganiser(owner, petition.slug, { q })));
    }),
    runs,
  );
  await expectNothingUnstorableStored();
});

test('hostile text in every public form that stores text: never a server error', async () => {
  const petition = await app.createPetition({ status: 'open' });
  let ip = 0;
  await fc.assert(
    fc.asyncProperty(hostileText, fc.oneof(hostileEmail, fc.constant('')), async (details, email) => {
      const result = await reportPetition(petition.slug, { reason: 'spam', details, email }, `10.7.${(ip >> 8) & 255}.${ip++ & 255}`);
      assert.ok(['received', 'invalid'].includes(result.status), result.status);
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileEmail, async (email) => {
      const parsed = loginInput.safeParse({ email });
      if (parsed.success) await requestLoginLink(parsed.data.email, { locale: 'en', next: '/dashboard' });
    }),
    runs,
  );
  await fc.assert(
    fc.asyncProperty(hostileEmail, async (email) => {
      assert.deepEqual(await requestAnotherSignatureEmail(petition.slug, email, null), { status: 'resent' });
    }),
    runs,
  );
  await expectNothingUnstorableStored();
});

test('hostile text in the platform admins’ block and allow lists: never a server error', async () => {
  const admin = await organiser('fuzz-admin@example.org', true);
  const limits = Object.fromEntries(LIMIT_NAMES.map((n) => [n, { maxCount: '10', windowSeconds: '60' }]));
  await fc.assert(
    fc.asyncProperty(hostileText, hostileText, async (domains, ranges) => {
      const result = await saveAbuseSettings(admin, { limits, blockedDomains: domains, blockedRanges: ranges, allowedRanges: '', allowedDomains: domains });
      assert.ok(['saved', 'invalid'].includes(result), result);
    }),
    runs,
  );
  await expectNothingUnstorableStored();
});

/**
 * Every text value in every table of the app's schema is storable, normalised (NFC, line breaks as
 * \n) and free of bidirectional controls: whatever reached the database went through the one check.
 */
async function expectNothingUnstorableStored() {
  const columns = await app.sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and (data_type in ('text', 'character varying') or udt_name in ('_text', '_varchar'))`;
  let checked = 0;
  for (const { table_name, column_name } of columns) {
    const rows = await app.sql`select ${app.sql(column_name)} as v from ${app.sql(table_name)} where ${app.sql(column_name)} is not null`;
    for (const { v } of rows) {
      for (const value of [v as string | string[]].flat()) {
        checked++;
        const where = `${table_name}.${column_name} = ${JSON.stringify(value).slice(0, 120)}`;
        assert.ok(isStorableText(value), `storable: ${where}`);
        assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(value), `no bidi controls: ${where}`);
        assert.ok(!value.includes('\r'), `line breaks as \\n: ${where}`);
        assert.equal(value, value.normalize('NFC'), `NFC: ${where}`);
      }
    }
  }
  assert.ok(checked > 200, `only ${checked} values were stored`);
}
