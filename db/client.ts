import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseConfig } from './config';
import { postgresDefaults } from './connection';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

// Column names in the schema are camelCase in TypeScript and snake_case in the database.
const casing = 'snake_case';
// drizzle's own compiler of `sql` queries (public API), configured as the client's, for what drizzle
// cannot run itself; the client's dialect is internal to drizzle.
const dialect = new PgDialect({ casing });

let db: Db | undefined;

/** One pool per process, created on first use so tests and scripts can set DATABASE_URL first. */
export function getDb(): Db {
  if (!db) {
    const config = databaseConfig();
    const client = postgres(config.databaseUrl, {
      ...postgresDefaults,
      max: config.poolMax,
      // With the database down, fail within seconds (the API answers 503 + Retry-After) instead of
      // holding requests for postgres.js's default 30 s.
      connect_timeout: config.connectTimeoutSeconds,
      connection: { ...postgresDefaults.connection, application_name: 'undersign' },
    });
    db = drizzle<typeof schema, postgres.Sql>({ client, schema, casing });
  }
  return db;
}

/**
 * Runs one of the hot paths' statements (signing, confirming, sending the confirmation email) as a
 * prepared statement: parsed once per connection, no describe round trip, and a cached plan, where
 * drizzle's unnamed statements are parsed and planned on every execution. Only for statements whose
 * plan cannot go wrong with the values (lookups by unique keys, inserts): PostgreSQL may settle on
 * one generic plan for all values. With PgBouncer in transaction mode this needs its prepared-statement
 * support (1.21+, `max_prepared_statements`).
 */
export async function executePrepared<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const { text, params } = compileQuery(query);
  return (await getDb().$client.unsafe(text, params, { prepare: true })) as unknown as T[];
}

/** A drizzle `sql` query as postgres.js text and parameters, for what drizzle cannot do itself (prepared statements, cursors). */
export function compileQuery(query: SQL): { text: string; params: never[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params: params as never[] };
}

/** Closes the pool; used by scripts and tests on exit. */
export async function closeDb(): Promise<void> {
  if (db) {
    const current = db;
    db = undefined;
    await current.$client.end({ timeout: 5 });
  }
}
