import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_ORGANISER_EMAIL, demoPetition, seedIfEmpty } from '@/db/seed';
import { createTestDatabase } from '../support/database';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  db = await createTestDatabase();
});
after(() => db.drop());

test('the demo petition is seeded once into an empty database, owned by the organiser the README names', async () => {
  assert.equal(await seedIfEmpty(db.url), true);
  const owners = await db.sql<{ slug: string; email: string; role: string }[]>`
    select p.slug, a.email, o.role from petitions p
    join petition_organisers o on o.petition_id = p.id join accounts a on a.id = o.account_id`;
  assert.deepEqual(
    owners.map((r) => ({ ...r })),
    [{ slug: demoPetition.slug, email: DEMO_ORGANISER_EMAIL, role: 'owner' }],
  );
  assert.equal(await seedIfEmpty(db.url), false, 'a database with petitions is left as it is');
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from petitions`;
  assert.equal(row?.n, 1);
});
