import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase } from '../support/database';

// tests/support/queue.ts reads queued jobs' payloads from graphile-worker's own table, the one place
// tests reach past the queue's public surface, because its public view leaves them out. This pins
// that reason: once the view carries the payload, this fails, and the helper should read the view.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  db = await createTestDatabase();
});
after(() => db.drop());

const columnsOf = async (table: string) =>
  (
    await db.sql<{ name: string }[]>`
      select column_name as name from information_schema.columns where table_schema = 'graphile_worker' and table_name = ${table}`
  ).map((r) => r.name);

test("the queue's public view of jobs still leaves the payload out, the one reason tests read its table", async () => {
  const view = await columnsOf('jobs');
  assert.ok(view.includes('task_identifier') && view.includes('locked_by'), 'the public view is there');
  assert.ok(!view.includes('payload'), 'the public view now has the payload: read it in tests/support/queue.ts instead of graphile_worker._private_jobs');
  assert.ok((await columnsOf('_private_jobs')).includes('payload'), 'the table the helper reads still holds the payload');
});
