import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forgetIpLists } from '@/lib/moderation/ip-lists';
import { signPetition } from '@/lib/signatures/sign';
import { startBackend } from '../support/app';

// Concurrent signatures of one petition share statements (lib/signatures/statements.ts,
// signInBatches). Whatever arrives together at one instance, each limit counts as if the signatures
// had come one after another: floods from one address, one network or one email domain, and one
// address signing many times at once.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

let n = 0;
const at = (ip: string, email = `together${++n}@d${n}.example`) => ({ ip, email });

async function signTogether(slug: string, callers: { ip: string; email: string }[]) {
  const results = await Promise.all(callers.map((c) => signPetition(slug, { name: 'Together', email: c.email, country: 'FR' }, { ip: c.ip })));
  assert.ok(results.every((r) => r.status === 'pending_confirmation'));
}

const held = async (petitionId: string) =>
  (
    await app.sql`select count(*) filter (where suspect_reason is null)::int as counted, count(*)::int as stored from signatures where petition_id = ${petitionId}`
  )[0] as unknown as {
    counted: number;
    stored: number;
  };

test('forty signatures at once, ten from one address among thirty others: the address gets exactly its burst of five', async () => {
  const petition = await app.createPetition();
  const callers = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? at('10.20.0.7') : at(`10.21.${i}.1`)));
  await signTogether(petition.slug, callers);
  assert.deepEqual(await held(petition.id), { counted: 35, stored: 40 });
  const [row] = await app.sql`select count(*)::int as n from signatures where petition_id = ${petition.id} and suspect_reason = 'ip_burst'`;
  assert.equal(row!.n, 5);
});

test('one network sending thirty signatures at once gets exactly its email budget', async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 7 where name = 'email_budget'`;
  try {
    // Thirty addresses of one /24: one network for the email budget, each address its own for the per-IP limits.
    await signTogether(
      petition.slug,
      Array.from({ length: 30 }, (_, i) => at(`10.30.0.${i + 1}`)),
    );
    const [row] =
      await app.sql`select count(*)::int as mailed from signature_email_outbox o join signatures s on s.id = o.signature_id where s.petition_id = ${petition.id}`;
    assert.equal(row!.mailed, 7);
  } finally {
    await app.sql`update abuse_limits set max_count = 200 where name = 'email_budget'`;
  }
});

test('one address signing twenty times at once is one signature with one email', async () => {
  const petition = await app.createPetition();
  await signTogether(
    petition.slug,
    Array.from({ length: 20 }, (_, i) => at(`10.40.${i}.1`, 'same.person@example.org')),
  );
  const [row] =
    await app.sql`select count(*)::int as stored, (select count(*)::int from signature_email_outbox o join signatures s on s.id = o.signature_id where s.petition_id = ${petition.id}) as mailed
    from signatures where petition_id = ${petition.id}`;
  assert.deepEqual({ ...row }, { stored: 1, mailed: 1 });
});

test('twelve signatures at once from one email domain get exactly the per-domain limit; an exempt domain is not held', async () => {
  const petition = await app.createPetition();
  await app.sql`update abuse_limits set max_count = 4 where name = 'email_domain'`;
  try {
    const flood = (domain: string, third: number) =>
      signTogether(
        petition.slug,
        Array.from({ length: 12 }, (_, i) => at(`10.${third}.${i}.1`, `member${i}@${domain}`)),
      );
    await Promise.all([flood('college-one.example', 50), flood('gmail.com', 51)]);
    const rows = await app.sql`select email_domain, count(*) filter (where suspect_reason is null)::int as counted, count(*)::int as stored
      from signatures where petition_id = ${petition.id} group by email_domain order by email_domain`;
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { email_domain: 'college-one.example', counted: 4, stored: 12 },
        { email_domain: 'gmail.com', counted: 12, stored: 12 },
      ],
    );
  } finally {
    await app.sql`update abuse_limits set max_count = 50 where name = 'email_domain'`;
  }
});

test('a domain taken off the allow list elsewhere, while this instance still holds it exempt: a flood from it still gets exactly the limit', async () => {
  const petition = await app.createPetition();
  // Unchecked, the flood's first signatures run on their own and the rest together, each seeing only
  // the first ones: all 24 pass a limit of 3.
  await app.sql`update abuse_limits set max_count = 3 where name = 'email_domain'`;
  try {
    await app.sql`insert into allowed_email_domains (domain) values ('was-exempt.example')`;
    // This instance reads the lists (as every 15 s), then another instance's admin removes the domain.
    forgetIpLists();
    await signTogether(petition.slug, [at('10.60.0.1')]);
    await app.sql`delete from allowed_email_domains where domain = 'was-exempt.example'`;
    await signTogether(
      petition.slug,
      Array.from({ length: 24 }, (_, i) => at(`10.61.${i}.1`, `member${i}@was-exempt.example`)),
    );
    const [row] = await app.sql`select count(*) filter (where suspect_reason is null)::int as counted, count(*)::int as stored
      from signatures where petition_id = ${petition.id} and email_domain = 'was-exempt.example'`;
    assert.deepEqual({ ...row }, { counted: 3, stored: 24 });
  } finally {
    await app.sql`update abuse_limits set max_count = 50 where name = 'email_domain'`;
  }
});
