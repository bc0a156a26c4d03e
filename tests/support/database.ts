import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { postgresDefaults } from '../../db/connection';

/**
 * Creates an empty, migrated database for one test file by copying the run's template
 * (made by scripts/test.ts), points DATABASE_URL at it and returns it.
 */
export async function createTestDatabase(): Promise<{ url: string; sql: postgres.Sql; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('Run the tests with `npm test`, which prepares the database server.');
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { ...postgresDefaults, max: 1 });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  const sql = postgres(url, { ...postgresDefaults, max: 4 });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const a = postgres(adminUrl, { ...postgresDefaults, max: 1 });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
