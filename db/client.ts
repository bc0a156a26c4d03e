import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getEnv } from '@/lib/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

let db: Db | undefined;

/** One pool per process, created on first use so tests and scripts can set DATABASE_URL first. */
export function getDb(): Db {
  if (!db) {
    const client = postgres(getEnv().databaseUrl, {
      max: Number(process.env.DB_POOL_MAX ?? 10),
      onnotice: () => {},
      // With the database down, fail within seconds (the API answers 503 + Retry-After) instead of
      // holding requests for postgres.js's default 30 s.
      connect_timeout: Number(process.env.DB_CONNECT_TIMEOUT ?? 3),
      connection: { application_name: 'undersign' },
    });
    db = drizzle({ client, schema, casing: 'snake_case' }) as Db;
  }
  return db;
}

/** Closes the pool; used by scripts and tests on exit. */
export async function closeDb(): Promise<void> {
  if (db) {
    const current = db;
    db = undefined;
    await current.$client.end({ timeout: 5 });
  }
}
