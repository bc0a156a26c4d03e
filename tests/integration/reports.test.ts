import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dismissReport, hideReportedPetition, listOpenReports, reportPetition } from '@/lib/moderation/reports';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

const stored = async (petitionId: string) => (await app.sql`select count(*)::int as n from petition_reports where petition_id = ${petitionId}`)[0]!.n as number;

test('twenty reports sent at once from one address store exactly five; another address still gets through', async () => {
  const p = await app.createPetition({ status: 'open' });
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => reportPetition(p.slug, { reason: 'spam', details: `flood ${i}` }, '198.51.100.23')));
  assert.ok(
    results.every((r) => r.status === 'received'),
    'the limit is silent: every request gets the same answer',
  );
  assert.equal(await stored(p.id), 5);
  assert.equal((await reportPetition(p.slug, { reason: 'spam' }, '198.51.100.23')).status, 'received');
  assert.equal(await stored(p.id), 5, 'a later one within the hour is dropped too');
  await reportPetition(p.slug, { reason: 'misleading' }, '203.0.113.5');
  assert.equal(await stored(p.id), 6);
});

test('an admin hiding a reported petition closes every open report on it, once; dismissing closes one; organisers see no reports', async () => {
  const [a] = await app.sql`insert into accounts (email) values ('reports-admin@example.org') returning id`;
  const admin = { id: a!.id as string, email: 'reports-admin@example.org', isAdmin: true };
  const hidden = await app.createPetition({ status: 'open' });
  const kept = await app.createPetition({ status: 'open' });
  await reportPetition(hidden.slug, { reason: 'spam', email: 'first@example.org' }, '198.51.100.61');
  await reportPetition(hidden.slug, { reason: 'hateful' }, '198.51.100.62');
  await reportPetition(kept.slug, { reason: 'other', details: 'not sure' }, null);
  const open = (await listOpenReports(admin))!.filter((r) => r.slug === hidden.slug || r.slug === kept.slug);
  assert.equal(open.length, 3);
  const onHidden = open.find((r) => r.slug === hidden.slug)!;
  assert.equal(await hideReportedPetition(admin, onHidden.id), true);
  const [petition] = await app.sql`select hidden_at is not null as hidden from petitions where id = ${hidden.id}`;
  assert.equal(petition!.hidden, true);
  const [left] = await app.sql`select count(*)::int as n from petition_reports where petition_id = ${hidden.id} and dismissed_at is null`;
  assert.equal(left!.n, 0, 'both reports on the hidden petition are closed');
  assert.equal(await hideReportedPetition(admin, onHidden.id), false, 'nothing left open to close');
  const onKept = open.find((r) => r.slug === kept.slug)!;
  assert.equal(await dismissReport(admin, onKept.id), true);
  assert.equal(await dismissReport(admin, onKept.id), false);
  const [keptRow] = await app.sql`select hidden_at is null as shown from petitions where id = ${kept.id}`;
  assert.equal(keptRow!.shown, true, 'dismissing leaves the petition as it was');
  assert.deepEqual(
    (await listOpenReports(admin))!.filter((r) => r.slug === hidden.slug || r.slug === kept.slug),
    [],
  );
  assert.equal(await listOpenReports({ ...admin, isAdmin: false }), null);
});
