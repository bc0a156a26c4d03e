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
      // Prepared statements (below) are planned anew for each execution's values, as unnamed ones
      // were: a generic plan cached while a table is small or a petition new goes on scanning the
      // whole petition once it is big (seen: the per-IP limit check reading every signature).
      connection: { application_name: 'undersign', plan_cache_mode: 'force_custom_plan' },
    });
    db = drizzle({ client: preparingEveryStatement(client), schema, casing: 'snake_case' }) as Db;
  }
  return db;
}

/**
 * Drizzle asks postgres.js for an unnamed statement unless a query is given a name, which costs an
 * extra round trip (postgres.js describes it first) and a parse on every execution. The hot paths
 * run the same few statements hundreds of times a second, so every statement is prepared once per
 * connection instead; postgres.js keys them by text and drops them with the connection (at most an
 * hour old).
 */
function preparingEveryStatement(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver);
      return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
        target.unsafe(query, params, { ...options, prepare: true });
    },
  });
}

/** Closes the pool; used by scripts and tests on exit. */
export async function closeDb(): Promise<void> {
  if (db) {
    const current = db;
    db = undefined;
    await current.$client.end({ timeout: 5 });
  }
}
