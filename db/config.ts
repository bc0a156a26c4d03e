import { z } from 'zod';

// The database's own settings, read here so that db/ needs nothing from lib/: lib/env.ts validates
// them with the rest of the environment from these same fields, and the pool and the outage check
// read them through databaseConfig().

/** The environment variables of the database connection, as zod fields (lib/env.ts includes them in its schema). */
export const databaseEnvFields = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /**
   * A session connection to the primary (not through a transaction pooler), for what needs one: the
   * queue's LISTEN, session advisory locks held across statements, migrations. Default: DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /** `transaction` when DATABASE_URL (and DATABASE_REPLICA_URL) go through a pooler in transaction mode (PgBouncer): no server-side prepared statements. */
  DATABASE_POOLER: z.enum(['none', 'transaction'], 'must be none or transaction').default('none'),
  /** A streaming replica of the primary for public reads that may be a moment old (the petition page, the count, open data). Default: none. */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /** PostgreSQL connections per process. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Seconds to wait for a connection before failing (an outage answers 503 within seconds instead of postgres.js's 30 s). */
  DB_CONNECT_TIMEOUT: z.coerce.number().int().min(1).max(60).default(3),
};

/** What the pools and the outage check connect with. */
export type DatabaseConfig = {
  /** The primary, possibly through a pooler: every read and write of the app's own. */
  databaseUrl: string;
  /** The primary with a session of its own (never a transaction pooler): the queue, session locks, migrations. */
  directUrl: string;
  /** False behind a transaction pooler: statements are then never prepared on the server. */
  serverPrepare: boolean;
  /** The replica for public reads, if any. */
  replicaUrl?: string;
  poolMax: number;
  connectTimeoutSeconds: number;
};

/** The message for a missing DATABASE_URL (lib/env.ts reports it among the other variables). */
export const DATABASE_URL_MISSING = 'DATABASE_URL: is not set. Run `npm run dev`, which starts an embedded PostgreSQL, or set it.';

/** Reads the database's settings from a set of variables (pure); throws naming the bad or missing one. */
export function parseDatabaseConfig(source: Record<string, string | undefined>): DatabaseConfig {
  const parsed = z.object(databaseEnvFields).safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.DATABASE_URL) throw new Error(`Invalid environment (see .env.example):\n  ${DATABASE_URL_MISSING}`);
  return {
    databaseUrl: e.DATABASE_URL,
    directUrl: e.DATABASE_DIRECT_URL ?? e.DATABASE_URL,
    serverPrepare: e.DATABASE_POOLER === 'none',
    replicaUrl: e.DATABASE_REPLICA_URL,
    poolMax: e.DB_POOL_MAX,
    connectTimeoutSeconds: e.DB_CONNECT_TIMEOUT,
  };
}

let cached: DatabaseConfig | undefined;

/** The process's database settings, read from its environment on first use (tests and scripts set DATABASE_URL first). */
export function databaseConfig(): DatabaseConfig {
  cached ??= parseDatabaseConfig(process.env);
  return cached;
}
