import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type postgres from 'postgres';
import { ABUSE_LIMIT_DEFAULTS } from './abuse-limit-defaults';

// Each database function has one source file, db/functions/<name>.sql: its current definition,
// written with CREATE OR REPLACE so that applying it again changes nothing. Migrations that created
// or changed a function earlier stay as they were committed (history); the files are what the
// database runs, applied after the migrations at every start.

/** Where the function files are: db/functions under the working directory, like db/migrations (both ship with the checkout). */
export const DATABASE_FUNCTIONS_FOLDER = path.join(process.cwd(), 'db/functions');

/** The function files, by name (the file's name without `.sql`), in name order. */
export async function readDatabaseFunctions(folder = DATABASE_FUNCTIONS_FOLDER): Promise<{ name: string; sql: string }[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.sql')).sort();
  if (files.length === 0) throw new Error(`No database functions found in ${folder}`);
  return Promise.all(files.map(async (f) => ({ name: f.slice(0, -'.sql'.length), sql: await readFile(path.join(folder, f), 'utf8') })));
}

/**
 * Defines every database function as its file says, and inserts the default of any abuse limit the
 * database has no row for (never changing a row that exists), in one transaction. Idempotent.
 */
export async function applyDatabaseFunctions(client: postgres.Sql, folder = DATABASE_FUNCTIONS_FOLDER): Promise<void> {
  const functions = await readDatabaseFunctions(folder);
  const defaults = Object.entries(ABUSE_LIMIT_DEFAULTS).map(([name, d]) => ({ name, max_count: d.maxCount, window_seconds: d.windowSeconds }));
  await client.begin(async (tx) => {
    // A file may hold several statements (fold_name's depends on the database's encoding): the simple protocol runs them as written.
    for (const f of functions) await tx.unsafe(f.sql).simple();
    await tx`insert into abuse_limits ${tx(defaults, 'name', 'max_count', 'window_seconds')} on conflict (name) do nothing`;
  });
}
