import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { reportPetition } from '@/lib/moderation/reports';
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
