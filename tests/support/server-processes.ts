import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Real database-side servers for the system tests (PgBouncer, a throwaway PostgreSQL primary and
// its streaming replica), each a child process of the test with its files in a temporary directory
// removed on stop. PostgreSQL and PgBouncer refuse to run as root: as root they run as the
// `postgres` OS user (Debian's packages create it), and their directories belong to it.

export type ServerProcess = {
  child: ChildProcess;
  output: () => string;
  /** Stops it (SIGINT: PostgreSQL's fast shutdown, PgBouncer's safe one), SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
};

/** The uid and gid to run servers as: the `postgres` OS user when the tests run as root, else the caller's own. */
export function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const [, , uid, gid] = line.split(':');
  if (!uid || !gid) throw new Error('as root the database servers run as the `postgres` OS user, which does not exist (apt-get install -y postgresql)');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A temporary directory the server user owns. */
export function serverTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

/** Runs a program to completion as the server user; throws with its output if it fails. */
export function runAsServerUser(file: string, args: string[], cwd: string): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...serverUser() });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** Starts a long-running server as the server user; it never outlives the test process. */
export function spawnServer(file: string, args: string[], cwd: string): ServerProcess {
  let output = '';
  const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...serverUser() });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));
  return {
    child,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Removes a temporary directory, whatever is in it. */
export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Polls `check` until it resolves true; fails naming `what` (with the server's output) after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, server?: ServerProcess, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server && server.child.exitCode !== null) throw new Error(`${what}: the server exited:\n${server.output()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${server ? `:\n${server.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The directory of PostgreSQL's server programs: PG_BIN_DIR, else the newest under /usr/lib/postgresql (Debian). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'pg_basebackup'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server programs found: apt-get install -y postgresql, or set PG_BIN_DIR');
  return path.join(root, newest, 'bin');
}
