import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
// First: it sets up what Next's request scope needs before the route handler below loads.
import { inRequestScope } from '../support/request-scope';
import { GET as exportRoute } from '@/app/api/dashboard/petitions/[slug]/export/route';
import { createSession, type Organiser } from '@/lib/auth/session';
import { listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { exportSignatures } from '@/lib/exports/signatures';
import { startBackend } from '../support/app';

// Anyone can become an organiser, so what a petition's organisers learn about its signers must be
// what the signers agreed to, on every surface alike: emails only of confirmed signers who asked for
// updates (and have not unsubscribed, and whose data was not removed); nothing personal of withdrawn
// or invalidated signatures; and no search that tells whether someone else signed.

let app: Awaited<ReturnType<typeof startBackend>>;
let owner: Organiser;
before(async () => {
  app = await startBackend({ worker: false });
  const [a] = await app.sql`insert into accounts (email) values ('consent-owner@example.org') returning id`;
  owner = { id: a!.id, email: 'consent-owner@example.org', isAdmin: false };
});
after(() => app.stop());

const STATUSES = ['pending', 'confirmed', 'held', 'withdrawn', 'invalidated'] as const;

/** A petition with a signer in every status × opted in or not × unsubscribed or not, and two edge cases. */
async function petitionWithEverySigner() {
  const p = await app.createPetition();
  await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
  const signers = STATUSES.flatMap((status) =>
    [true, false].flatMap((updates) =>
      [false, true].map((unsubscribed) => ({
        status,
        updates,
        unsubscribed,
        anonymised: false,
        email: `${status}-${updates ? 'updates' : 'none'}-${unsubscribed ? 'unsub' : 'sub'}@example.org`,
      })),
    ),
  );
  // Anonymisation caught half-way (or by a future purge that keeps the flags): its address must not show.
  signers.push({ status: 'confirmed', updates: true, unsubscribed: false, anonymised: true, email: 'anonymised@example.org' });
  signers.push({ status: 'confirmed', updates: true, unsubscribed: false, anonymised: false, email: 'second-opted-in@example.org' });
  for (const s of signers) {
    await app.sql`
      insert into signatures (petition_id, name, email, canonical_email, email_domain, country, postcode, comment, status, wants_updates,
                              unsubscribed_at, anonymised_at, confirmed_at, withdrawn_at, invalidated_at)
      values (${p.id}, ${`Name ${s.email.split('@')[0]}`}, ${s.email}, ${s.email}, 'example.org', 'FR', 'P-1', 'A comment', ${s.status}, ${s.updates},
              ${s.unsubscribed ? new Date() : null}, ${s.anonymised ? new Date() : null}, ${s.status === 'pending' ? null : new Date()},
              ${s.status === 'withdrawn' ? new Date() : null}, ${s.status === 'invalidated' ? new Date() : null})`;
    await app.sealLegacySignatures();
  }
  return { petition: p, signers };
}

type CsvRow = { name: string; email: string; postcode: string; comment: string; status: string };
function parseCsv(text: string): CsvRow[] {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(header, 'name,email,country,city_or_postcode,comment,status,created_at,confirmed_at,source,opted_in_to_updates,consent_updates,consent_partner');
  return lines.map((l) => {
    const [name, email, , postcode, comment, status] = l.split(',');
    return { name: name!, email: email!, postcode: postcode!, comment: comment!, status: status! };
  });
}

const emailsOf = (rows: { email: string | null }[]) => new Set(rows.map((r) => r.email).filter((e): e is string => !!e));

test('an organiser sees the same signers’ emails through every surface, and only those who confirmed and asked for updates', async () => {
  const { petition, signers } = await petitionWithEverySigner();
  const expected = new Set(['confirmed-updates-sub@example.org', 'second-opted-in@example.org']);

  const list = (await listSignaturesForOrganiser(owner, petition.slug, { limit: 100 }))!;
  assert.equal(list.length, signers.length, 'every signature is listed');

  const searched = new Set<string>();
  for (const s of signers) {
    for (const found of (await listSignaturesForOrganiser(owner, petition.slug, { q: s.email.toUpperCase() }))!) {
      assert.ok(found.email, `searching ${s.email} found a row without its email: the search tells that ${s.email} signed`);
      searched.add(found.email);
    }
  }

  const csv = async (scope: 'confirmed' | 'all') => parseCsv(await new Response((await exportSignatures(owner, petition.slug, scope))!.stream).text());
  const token = await createSession(owner.id);
  const viaRoute = async (scope: 'confirmed' | 'all') => {
    const res = await inRequestScope({ cookie: `undersign_session=${token}` }, () =>
      exportRoute(new Request(`http://app.test/api/dashboard/petitions/${petition.slug}/export?scope=${scope}`), {
        params: Promise.resolve({ slug: petition.slug }),
      }),
    );
    assert.equal(res.status, 200);
    return parseCsv(await res.text());
  };

  const surfaces = {
    'dashboard list': emailsOf(list),
    'search by each address': searched,
    'CSV of confirmed signatures': emailsOf(await csv('confirmed')),
    'CSV of all signatures': emailsOf(await csv('all')),
    'export route, confirmed': emailsOf(await viaRoute('confirmed')),
    'export route, all': emailsOf(await viaRoute('all')),
  };
  for (const [surface, emails] of Object.entries(surfaces)) {
    assert.deepEqual([...emails].sort(), [...expected].sort(), `emails visible through ${surface}`);
  }
});

test('withdrawn and invalidated signatures show nothing personal to organisers, and their names cannot be searched', async () => {
  const { petition } = await petitionWithEverySigner();
  const gone = (status: string) => status === 'withdrawn' || status === 'invalidated';

  const list = (await listSignaturesForOrganiser(owner, petition.slug, { limit: 100 }))!;
  for (const s of list.filter((s) => gone(s.status))) {
    assert.deepEqual({ name: s.name, email: s.email, comment: s.comment }, { name: null, email: null, comment: null }, `a ${s.status} row in the list`);
  }
  const live = list.filter((s) => !gone(s.status));
  assert.equal(live.filter((s) => s.name === null).length, 1, 'the names of live signatures are shown, but for the anonymised one');
  for (const r of parseCsv(await new Response((await exportSignatures(owner, petition.slug, 'all'))!.stream).text())) {
    if (gone(r.status))
      assert.deepEqual(
        { name: r.name, email: r.email, postcode: r.postcode, comment: r.comment },
        { name: '', email: '', postcode: '', comment: '' },
        `a ${r.status} row in the CSV`,
      );
  }
  assert.deepEqual(await listSignaturesForOrganiser(owner, petition.slug, { q: 'Name withdrawn' }), []);
  assert.deepEqual(await listSignaturesForOrganiser(owner, petition.slug, { q: 'Name invalidated' }), []);
  assert.equal((await listSignaturesForOrganiser(owner, petition.slug, { q: 'Name held' }))!.length, 4, 'names of live signatures are found');
  assert.equal((await listSignaturesForOrganiser(owner, petition.slug, { q: 'Name confirmed' }))!.length, 4);
  assert.deepEqual(await listSignaturesForOrganiser(owner, petition.slug, { q: 'Name pending' }), [], 'not yet a name waiting for its confirmation');
});
