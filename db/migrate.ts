import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { runMigrations as runQueueMigrations } from 'graphile-worker';
import path from 'node:path';
import postgres from 'postgres';
import { postgresDefaults, withSessionSettings } from './connection';
import { applyDatabaseFunctions } from './functions';
import { queueLogger } from './queue-logger';

// Any fixed number: instances starting together take turns instead of racing the same DDL.
const MIGRATION_LOCK = 7_411_302;

/**
 * Applies the app's SQL migrations, then the database functions as their files define them
 * (db/functions/*.sql) and any missing abuse limit's default, then the job queue's schema; safe to
 * run from several instances at once.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const client = postgres(databaseUrl, { ...postgresDefaults, max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), {
      migrationsFolder: path.join(process.cwd(), 'db/migrations'),
    });
    await applyDatabaseFunctions(client);
    await runQueueMigrations({ connectionString: withSessionSettings(databaseUrl), logger: queueLogger });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
