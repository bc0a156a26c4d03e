import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseConfig } from './config';
import { postgresDefaults } from './connection';
import { isDatabaseUnavailable } from './health';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

// Column names in the schema are camelCase in TypeScript and snake_case in the database.
const casing = 'snake_case';
// drizzle's own compiler of `sql` queries (public API), configured as the client's, for what drizzle
// cannot run itself; the client's dialect is internal to drizzle.
const dialect = new PgDialect({ casing });

let db: Db | undefined;
let replica: Db | undefined;
let session: postgres.Sql | undefined;

function pool(url: string, name: string, max: number): postgres.Sql {
  const config = databaseConfig();
  return postgres(url, {
    ...postgresDefaults,
    max,
    // Behind a transaction pooler (DATABASE_POOLER=transaction) a statement prepared on one server
    // connection is unknown on the next: nothing is prepared on the server, whatever a query asks
    // (postgres.js lets this option override a query's own `prepare`). Each parametrised statement is
    // then parsed and described again, in one more round trip, inside the same extended-protocol
    // exchange (no Sync between), so PgBouncer keeps it on one server connection. Direct
    // connections keep their prepared statements.
    prepare: config.serverPrepare,
    // With the database down, fail within seconds (the API answers 503 + Retry-After) instead of
    // holding requests for postgres.js's default 30 s.
    connect_timeout: config.connectTimeoutSeconds,
    // The zone travels as a startup parameter, which PgBouncer tracks per client (TimeZone is one of
    // the parameters it sets again on whichever server connection a transaction gets).
    connection: { ...postgresDefaults.connection, application_name: name },
  });
}

/** One pool per process on the primary (DATABASE_URL), created on first use so tests and scripts can set DATABASE_URL first. */
export function getDb(): Db {
  db ??= drizzle<typeof schema, postgres.Sql>({ client: pool(databaseConfig().databaseUrl, 'undersign', databaseConfig().poolMax), schema, casing });
  return db;
}

/** How long public reads stay on the primary after the replica could not be reached, before trying it again. */
const REPLICA_RETRY_MS = 5_000;
let replicaDownUntil = 0;

/**
 * Runs a public read that may be a moment old (the petition page, the count, open data) on the
 * replica (DATABASE_REPLICA_URL) when there is one, else on the primary's pool. If the replica cannot
 * be reached, the read runs again on the primary, and public reads stay there for a few seconds
 * before the replica is tried again: a replica's outage never fails a page. Never for signing,
 * confirming or anything an organiser or admin reads or writes: those use getDb().
 */
export async function readPublic<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const url = databaseConfig().replicaUrl;
  if (!url || Date.now() < replicaDownUntil) return read(getDb());
  replica ??= drizzle<typeof schema, postgres.Sql>({ client: pool(url, 'undersign-replica', databaseConfig().poolMax), schema, casing });
  try {
    return await read(replica);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    replicaDownUntil = Date.now() + REPLICA_RETRY_MS;
    return read(getDb());
  }
}

/**
 * A client whose connections are sessions of their own on the primary (DATABASE_DIRECT_URL): for
 * session advisory locks held across statements, which a transaction pooler would hand to another
 * client between statements. The primary's pool itself when DATABASE_URL is already direct.
 */
export function getSessionClient(): postgres.Sql {
  const config = databaseConfig();
  if (config.serverPrepare && config.directUrl === config.databaseUrl) return getDb().$client;
  session ??= postgres(config.directUrl, {
    ...postgresDefaults,
    max: 2,
    connect_timeout: config.connectTimeoutSeconds,
    connection: { ...postgresDefaults.connection, application_name: 'undersign-session' },
  });
  return session;
}

/**
 * Runs one of the hot paths' statements (signing, confirming, sending the confirmation email) as a
 * prepared statement: parsed once per connection, no describe round trip, and a cached plan, where
 * drizzle's unnamed statements are parsed and planned on every execution. Only for statements whose
 * plan cannot go wrong with the values (lookups by unique keys, inserts): PostgreSQL may settle on
 * one generic plan for all values. Behind a transaction pooler (DATABASE_POOLER=transaction) the pool
 * prepares nothing on the server and this runs as an ordinary statement.
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

/** Closes the pools; used by scripts and tests on exit. */
export async function closeDb(): Promise<void> {
  const clients = [db?.$client, replica?.$client, session].filter((c) => c !== undefined);
  db = replica = session = undefined;
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
}
