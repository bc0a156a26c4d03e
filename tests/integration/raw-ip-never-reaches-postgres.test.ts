import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { POST as formRoute } from '@/app/api/petitions/[slug]/sign/route';
import { POST as signApi } from '@/app/api/petitions/[slug]/signatures/route';
import { getDb } from '@/db/client';
import { requestLoginLink } from '@/lib/auth/login';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { saveAbuseSettings, getAbuseSettings } from '@/lib/moderation/abuse-settings';
import { IP_LISTS_REFRESH_MS } from '@/lib/moderation/ip-lists';
import { queueAnotherSignatureEmail } from '@/lib/signatures/resend';
import { APP_URL, startBackend } from '../support/app';
import { keyOf, openedSignatures } from '../support/signers';

// Statement logs (log_statement, auto_explain, pg_stat_statements, a slow-query log) keep what a
// query carries: the address must not be in any of it. Every query the app's pool sends is captured
// with its parameters, as they go over the wire.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

const sent: string[] = [];
function capture(): () => void {
  const options = getDb().$client.options as { debug?: unknown };
  options.debug = (_connection: number, query: string, parameters: unknown[]) => {
    sent.push(query);
    for (const p of parameters)
      sent.push(Buffer.isBuffer(p) ? `${p.toString('hex')} ${p.toString('latin1')}` : typeof p === 'string' ? p : (JSON.stringify(p) ?? ''));
  };
  return () => (options.debug = false);
}

// Every spelling of an address, and of its network, that could identify it.
function spellings(ip: string): string[] {
  if (ip.includes(':')) {
    return ['2001:db8:77:88::45', '2001:0db8:0077:0088', '2001:db8:77:88', '20010db800770088', '2001:db8:77:'];
  }
  const octets = ip.split('.').map(Number);
  const hex = octets.map((o) => o.toString(16).padStart(2, '0')).join('');
  return [ip, octets.slice(0, 3).join('.'), hex, `::ffff:${hex.slice(0, 4)}:${hex.slice(4)}`, String(octets.reduce((a, o) => a * 256 + o, 0))];
}

const sign = (slug: string, ip: string, email: string) =>
  signApi(
    new Request(`${APP_URL}/api/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ name: 'Private Person', email, country: 'FR' }),
    }),
    { params: Promise.resolve({ slug }) },
  );

test("the caller's IP address is never sent to PostgreSQL: not when signing (API and form), asking again, or signing in", async () => {
  const petition = await app.createPetition();
  const admin = { id: '00000000-0000-0000-0000-000000000001', email: 'admin@undersign.test', isAdmin: true };
  const current = (await getAbuseSettings(admin))!;
  // The addresses' own ranges are blocked, so the range check demonstrably ran on them.
  await saveAbuseSettings(admin, {
    limits: Object.fromEntries(current.limits.map((l) => [l.name, { maxCount: String(l.maxCount), windowSeconds: String(l.windowSeconds) }])),
    blockedDomains: '',
    blockedRanges: '203.0.113.0/24\n2001:db8:77::/48',
    allowedRanges: '',
    allowedDomains: current.lists.allowedDomains.join('\n'),
  });

  const v4 = '203.0.113.45';
  const v6 = '2001:db8:77:88::45';
  const stop = capture();
  try {
    assert.equal((await sign(petition.slug, v4, 'four@example.org')).status, 202);
    assert.equal((await sign(petition.slug, `::ffff:${v4}`, 'mapped@example.org')).status, 202);
    assert.equal((await sign(petition.slug, v6, 'six@example.org')).status, 202);
    const form = await formRoute(
      new Request(`${APP_URL}/api/petitions/${petition.slug}/sign`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL, [CLIENT_IP_HEADER]: v4 },
        body: new URLSearchParams({ name: 'Private Person', email: 'form@example.org', country: 'FR', locale: 'en' }).toString(),
      }),
      { params: Promise.resolve({ slug: petition.slug }) },
    );
    assert.equal(form.status, 303);
    await app.sql`update signatures set last_emailed_at = last_emailed_at - interval '1 minute'`;
    await queueAnotherSignatureEmail({ slug: petition.slug }, 'four@example.org', { ip: v4 });
    await sign(petition.slug, v6, 'six@example.org');
    await requestLoginLink('organiser@example.org', { locale: 'en', next: '/dashboard', ip: v6 });
  } finally {
    stop();
  }

  assert.ok(
    sent.some((q) => q.includes('signature_suspicion')),
    'the signing statement was captured',
  );
  for (const ip of [v4, v6]) {
    for (const form of spellings(ip)) {
      const leak = sent.find((s) => s.toLowerCase().includes(form));
      assert.equal(leak, undefined, `"${form}" was sent to the database: ${leak?.slice(0, 200)}`);
    }
  }
  // Yet the addresses were used: hashed, and matched against the blocked ranges in the app.
  const rows = await app.sql`select ip_hash is not null as hashed, suspect_reason from signatures where petition_id = ${petition.id} order by id`;
  const emails = (await openedSignatures(petition.id)).map((r) => r.email);
  assert.deepEqual(
    rows.map((r, i) => [emails[i], r.hashed, r.suspect_reason]),
    [
      ['four@example.org', true, 'blocked_ip'],
      ['mapped@example.org', true, 'blocked_ip'],
      ['six@example.org', true, 'blocked_ip'],
      ['form@example.org', true, 'blocked_ip'],
    ],
  );
});

test('a blocked range saved on another instance holds signatures here within the refresh interval', async () => {
  const petition = await app.createPetition();
  let n = 0;
  const heldNext = async () => {
    const email = `refresh${++n}@example.org`;
    await sign(petition.slug, '192.0.2.10', email);
    const [row] = await app.sql`select suspect_reason from signatures where petition_id = ${petition.id} and canonical_email = ${keyOf(email)}`;
    return row!.suspect_reason === 'blocked_ip';
  };
  assert.equal(await heldNext(), false, 'not blocked yet (and this instance has read the lists)');

  // Another instance's admin saves the range: here it arrives with the next read of the lists.
  await app.sql`insert into blocked_ip_ranges (range) values ('192.0.2.0/24')`;
  const savedAt = Date.now();
  while (!(await heldNext())) {
    assert.ok(Date.now() - savedAt < IP_LISTS_REFRESH_MS + 2_000, 'the range took effect within the refresh interval');
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(Date.now() - savedAt <= IP_LISTS_REFRESH_MS + 2_000);

  // Saved on this instance, a change applies to the very next signature.
  const admin = { id: '00000000-0000-0000-0000-000000000001', email: 'admin@undersign.test', isAdmin: true };
  const current = (await getAbuseSettings(admin))!;
  await saveAbuseSettings(admin, {
    limits: Object.fromEntries(current.limits.map((l) => [l.name, { maxCount: String(l.maxCount), windowSeconds: String(l.windowSeconds) }])),
    blockedDomains: '',
    blockedRanges: '',
    allowedRanges: '',
    allowedDomains: current.lists.allowedDomains.join('\n'),
  });
  assert.equal(await heldNext(), false);
});
