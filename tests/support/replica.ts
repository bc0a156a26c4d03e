import path from 'node:path';
import postgres from 'postgres';
import { postgresDefaults } from '../../db/connection';
import { freePort } from './processes';
import { postgresBinDir, removeDir, runAsServerUser, serverTempDir, spawnServer, waitUntil, type ServerProcess } from './server-processes';

export type PrimaryWithReplica = {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops applying WAL on the replica (it keeps receiving it): what it shows stays as it is. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica (fast shutdown); stop() still cleans up. */
  stopReplica(): Promise<void>;
  /** Milliseconds until the replica has replayed everything the primary had written when called. */
  catchUpMs(): Promise<number>;
  stop(): Promise<void>;
};

async function answers(url: string, query: string): Promise<Record<string, unknown>[]> {
  const sql = postgres(url, { ...postgresDefaults, max: 1, connect_timeout: 2, prepare: false });
  try {
    return await sql.unsafe(query);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * A throwaway PostgreSQL primary (initdb into a temporary directory, a free port, `wal_level=replica`,
 * the zone of the server set to Asia/Tehran) and a real streaming replica of it (`pg_basebackup -R`,
 * another directory and port, hot standby), both from the machine's PostgreSQL programs, so the
 * machine's own cluster is never touched. `database` is created on the primary and `prepare(url)`
 * runs on it (migrations) before the replica is copied. Everything stops and is removed on stop(),
 * or if starting fails.
 */
export async function startPrimaryWithReplica(o: { database: string; prepare(url: string): Promise<void> }): Promise<PrimaryWithReplica> {
  const bin = postgresBinDir();
  const dir = serverTempDir('undersign-replica-');
  const servers: ServerProcess[] = [];
  const clients: postgres.Sql[] = [];
  const stop = async () => {
    await Promise.all(clients.map((c) => c.end({ timeout: 1 })));
    await Promise.all(servers.reverse().map((s) => s.stop()));
    removeDir(dir);
  };
  try {
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primaryDir = path.join(dir, 'primary');
    const replicaDir = path.join(dir, 'replica');
    runAsServerUser(
      path.join(bin, 'initdb'),
      ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
      dir,
    );
    // Local sockets in the temporary directory (none in /var/run/postgresql); TCP on 127.0.0.1 only.
    const common = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'TimeZone=Asia/Tehran'];
    const primary = spawnServer(
      path.join(bin, 'postgres'),
      ['-D', primaryDir, '-p', String(primaryPort), ...common, '-c', 'wal_level=replica', '-c', 'max_wal_senders=4', '-c', 'max_connections=200'],
      dir,
    );
    servers.push(primary);
    const admin = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    await waitUntil('the primary to accept connections', async () => (await answers(admin, 'select 1')).length === 1, 30_000, primary);
    await answers(admin, `create database "${o.database}"`);
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/${o.database}`;
    await o.prepare(primaryUrl);

    // A base backup with the standby's settings written for it (-R): it streams from the primary.
    runAsServerUser(
      path.join(bin, 'pg_basebackup'),
      ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
      dir,
    );
    const replica = spawnServer(
      path.join(bin, 'postgres'),
      ['-D', replicaDir, '-p', String(replicaPort), ...common, '-c', 'hot_standby=on', '-c', 'max_connections=200'],
      dir,
    );
    servers.push(replica);
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${o.database}`;
    await waitUntil(
      'the replica to accept connections',
      async () => (await answers(replicaUrl, 'select pg_is_in_recovery() as r'))[0]?.r === true,
      30_000,
      replica,
    );
    await waitUntil(
      'the replica to stream from the primary',
      async () => (await answers(admin, `select 1 from pg_stat_replication where state = 'streaming'`)).length === 1,
      30_000,
      replica,
    );

    // Kept open for the lag measurements: a new connection per look would measure connecting.
    const onPrimary = postgres(admin, { ...postgresDefaults, max: 1, prepare: false });
    const onReplica = postgres(replicaUrl, { ...postgresDefaults, max: 1, prepare: false });
    clients.push(onPrimary, onReplica);
    return {
      primaryUrl,
      replicaUrl,
      pauseReplay: async () => void (await answers(replicaUrl, 'select pg_wal_replay_pause()')),
      resumeReplay: async () => void (await answers(replicaUrl, 'select pg_wal_replay_resume()')),
      async stopReplica() {
        await onReplica.end({ timeout: 1 });
        await replica.stop();
      },
      async catchUpMs() {
        const started = Date.now();
        const [at] = await onPrimary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
        await waitUntil(
          'the replica to replay the primary’s WAL',
          async () => (await onReplica<{ done: boolean }[]>`select pg_last_wal_replay_lsn() >= ${at!.lsn}::pg_lsn as done`)[0]?.done === true,
          30_000,
          undefined,
          2,
        );
        return Date.now() - started;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
