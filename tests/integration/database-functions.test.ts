import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ABUSE_LIMIT_DEFAULTS } from '@/db/abuse-limit-defaults';
import { readDatabaseFunctions } from '@/db/functions';
import { migrateDatabase } from '@/db/migrate';
import { createTestDatabase } from '../support/database';

// Each database function has one source file, db/functions/<name>.sql, applied after the migrations
// at every start. These tests hold the database to the files: what PostgreSQL stores for each
// function (pg_get_functiondef, its own normalised form of the definition) must be what it stores
// after running the file, and a function changed in the database is put back at the next start.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  db = await createTestDatabase();
});
after(() => db.drop());

type Sql = typeof db.sql;
class Rollback extends Error {}

/** Every overload of the function `name` in the app's schema, as PostgreSQL prints it back. */
async function definitionOf(sql: Sql, name: string): Promise<string[]> {
  const rows = await sql<{ def: string }[]>`
    select pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname = ${name} order by p.oid::regprocedure::text`;
  return rows.map((r) => r.def);
}

/** The function as its file defines it: the file run in a transaction that is then rolled back. */
async function definitionInFile(name: string, fileSql: string): Promise<string[]> {
  let defined: string[] = [];
  await db.sql
    .begin(async (tx) => {
      await tx.unsafe(fileSql).simple();
      defined = await definitionOf(tx as unknown as Sql, name);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return defined;
}

test('every database function is defined as its file in db/functions says', async () => {
  const files = await readDatabaseFunctions();
  assert.ok(files.length >= 3, 'signature_suspicion, email_budget_take and fold_name have their files');
  for (const f of files) {
    const asFile = await definitionInFile(f.name, f.sql);
    assert.equal(asFile.length, 1, `db/functions/${f.name}.sql defines one function named ${f.name}`);
    assert.deepEqual(await definitionOf(db.sql, f.name), asFile, `the database's ${f.name}() differs from db/functions/${f.name}.sql`);
  }
});

test('every function of the app schema has its file, so none lives only in a migration', async () => {
  const files = new Set((await readDatabaseFunctions()).map((f) => f.name));
  // Functions of extensions (none today) belong to the extension, not to us.
  const defined = await db.sql<{ name: string }[]>`
    select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`;
  assert.deepEqual(
    defined.map((r) => r.name).filter((n) => !files.has(n)),
    [],
    'a function without its file in db/functions',
  );
});

test("a fresh database's abuse limits are the defaults of db/abuse-limit-defaults.ts", async () => {
  const rows = await db.sql<{ name: string; max_count: number; window_seconds: number }[]>`select name, max_count, window_seconds from abuse_limits`;
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r.name, { maxCount: r.max_count, windowSeconds: r.window_seconds }])), ABUSE_LIMIT_DEFAULTS);
});

test('the next start puts back a function changed in the database and a missing limit, and keeps limits an admin set', async () => {
  const [file] = (await readDatabaseFunctions()).filter((f) => f.name === 'email_budget_take');
  const expected = await definitionOf(db.sql, 'email_budget_take');
  await db.sql`create or replace function email_budget_take(p_network bytea) returns boolean language sql as 'select true'`;
  await db.sql`delete from abuse_limits where name = 'email_budget'`;
  await db.sql`update abuse_limits set max_count = 7 where name = 'ip_burst'`;
  assert.notDeepEqual(await definitionOf(db.sql, 'email_budget_take'), expected);

  await migrateDatabase(db.url);

  assert.deepEqual(await definitionOf(db.sql, 'email_budget_take'), await definitionInFile('email_budget_take', file!.sql));
  assert.deepEqual(await definitionOf(db.sql, 'email_budget_take'), expected);
  const limits = await db.sql<
    { name: string; max_count: number }[]
  >`select name, max_count from abuse_limits where name in ('email_budget', 'ip_burst') order by name`;
  assert.deepEqual(
    limits.map((r) => [r.name, r.max_count]),
    [
      ['email_budget', ABUSE_LIMIT_DEFAULTS.email_budget.maxCount],
      ['ip_burst', 7],
    ],
  );
});
