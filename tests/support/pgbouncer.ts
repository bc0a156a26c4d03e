import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './processes';
import { removeDir, serverTempDir, spawnServer, waitUntil, type ServerProcess } from './server-processes';

const PGBOUNCER = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

export type PgBouncer = {
  port: number;
  /** The pooled connection string for `database` (same user and database as `directUrl`). */
  pooledUrl(directUrl: string): string;
  /** Runs a command on PgBouncer's admin console (SHOW POOLS, SHOW SERVERS…), simple protocol. */
  admin<T extends Record<string, unknown>>(command: string): Promise<T[]>;
  process: ServerProcess;
  stop(): Promise<void>;
};

/**
 * Debian's PgBouncer in transaction mode, in front of the PostgreSQL server at `upstream`
 * (host and port), on a free port of 127.0.0.1, with its own configuration in a temporary directory:
 * no Unix socket, no pid file, no system service touched. At most `poolSize` server connections per
 * database and user, however many clients connect. Trust authentication (the upstream is trust too).
 */
export async function startPgBouncer(o: { upstream: { host: string; port: number }; poolSize: number }): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER)) throw new Error(`PgBouncer is not installed (${PGBOUNCER}): apt-get install -y pgbouncer`);
  const dir = serverTempDir('undersign-pgbouncer-');
  let proc: ServerProcess | undefined;
  try {
    const port = await freePort();
    const ini = path.join(dir, 'pgbouncer.ini');
    const users = path.join(dir, 'users.txt');
    writeFileSync(users, '"postgres" ""\n');
    writeFileSync(
      ini,
      [
        '[databases]',
        `* = host=${o.upstream.host} port=${o.upstream.port}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'pidfile =',
        'logfile =',
        'auth_type = trust',
        `auth_file = ${users}`,
        'admin_users = postgres',
        'pool_mode = transaction',
        `default_pool_size = ${o.poolSize}`,
        'min_pool_size = 0',
        'reserve_pool_size = 0',
        'max_client_conn = 1000',
        // Clients wait for a server connection rather than fail while the pool is busy.
        'query_wait_timeout = 30',
        'server_login_retry = 1',
        '',
      ].join('\n'),
    );
    proc = spawnServer(PGBOUNCER, [ini], dir);
    const started = proc;
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/pgbouncer`;
    const admin = async <T extends Record<string, unknown>>(command: string): Promise<T[]> => {
      // The admin console speaks only the simple protocol (a query without parameters) and has no pg_type to read.
      const sql = postgres(adminUrl, { max: 1, fetch_types: false, prepare: false, onnotice: () => {}, connect_timeout: 5 });
      try {
        return (await sql.unsafe(command)) as unknown as T[];
      } finally {
        await sql.end({ timeout: 1 });
      }
    };
    await waitUntil('PgBouncer to accept connections', async () => (await admin('SHOW VERSION')).length > 0, 15_000, proc);
    return {
      port,
      pooledUrl(directUrl: string) {
        const u = new URL(directUrl);
        u.hostname = '127.0.0.1';
        u.port = String(port);
        return u.toString();
      },
      admin,
      process: started,
      async stop() {
        await started.stop(5_000);
        removeDir(dir);
      },
    };
  } catch (err) {
    await proc?.stop(5_000);
    removeDir(dir);
    throw err;
  }
}
