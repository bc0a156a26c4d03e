import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../db/embedded';
import { migrateDatabase } from '../../db/migrate';

const root = path.resolve(import.meta.dirname, '../..');
export const SYSTEM_SECRET = 'system-test-secret-system-test-secret-0123';
/** The system tests' application data key (`<id>:<base64 of 32 bytes>`). */
export const SYSTEM_DATA_KEY = `system:${Buffer.alloc(32, 7).toString('base64')}`;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type Proc = { child: ChildProcess; exited: Promise<number | null>; output: () => string; kill(signal?: NodeJS.Signals): Promise<number | null> };

function start(args: string[], env: Record<string, string>, unset: string[] = []): Proc {
  let output = '';
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of unset) delete full[name];
  const child = spawn(process.execPath, args, { cwd: root, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  // Never outlive the test process, whatever happens to its hooks.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));
  return {
    child,
    exited,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** What `npm start` passes to node (package.json's `start`, without `node`): its flags and the entry. */
function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(' ');
  if (node !== 'node') throw new Error('package.json: `start` is expected to run node directly');
  return args;
}

const baseEnv = (databaseUrl: string, smtpUrl: string, appUrl: string) => ({
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  SMTP_URL: smtpUrl,
  APP_URL: appUrl,
  SECRET: SYSTEM_SECRET,
  DATA_ENCRYPTION_KEY: SYSTEM_DATA_KEY,
  MAIL_FROM: 'Undersign <no-reply@undersign.test>',
});

/**
 * `npm start` (the compiled server.ts on the `next build` output) as its own process. It trusts one proxy hop,
 * so a test can speak for several clients with X-Forwarded-For.
 */
export async function startAppProcess(o: {
  databaseUrl: string;
  smtpUrl: string;
  port?: number;
  inProcessWorker?: boolean;
  extraEnv?: Record<string, string>;
}): Promise<Proc & { url: string; port: number }> {
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // As `npm start` runs it, with its Node flags (package.json: the heap caps). APP_NODE_ARGS adds
  // Node flags for a benchmark run, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where time goes.
  const nodeArgs = (process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = start([...nodeArgs, ...npmStartArgs()], {
    ...baseEnv(o.databaseUrl, o.smtpUrl, url),
    PORT: String(port),
    IN_PROCESS_WORKER: o.inProcessWorker ? 'true' : 'false',
    TRUST_PROXY_HOPS: '1',
    ...o.extraEnv,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`the app exited at start:\n${proc.output()}`);
    const ok = await fetch(`${url}/api/petitions`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the app did not start:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...proc, url, port };
}

/**
 * `npm run dev` (scripts/dev.ts: migrations, then server.ts with Next's development server) on
 * `databaseUrl`, mail to the development mailbox. Resolves once it answers at 127.0.0.1 (the first
 * compile takes a while).
 */
export async function startDevServer(o: { databaseUrl: string; port?: number }): Promise<Proc & { url: string; port: number }> {
  const port = o.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { DATABASE_URL: o.databaseUrl, PORT: String(port), NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1' };
  // As a developer runs it: no production settings, APP_URL's default (localhost).
  const proc = start(['--import', 'tsx', 'scripts/dev.ts'], env, ['APP_URL', 'SMTP_URL', 'SECRET']);
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`the development server exited at start:\n${proc.output()}`);
    const ok = await fetch(`${url}/api/petitions`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the development server did not start:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ...proc, url, port };
}

/** `npm run worker`: the queue worker as its own process. */
export function startWorkerProcess(o: { databaseUrl: string; smtpUrl: string; appUrl: string; extraEnv?: Record<string, string> }): Proc {
  return start(['--import', './scripts/server-only.mjs', '--import', 'tsx', 'scripts/worker.ts'], {
    ...baseEnv(o.databaseUrl, o.smtpUrl, o.appUrl),
    ...o.extraEnv,
  });
}

/** Signs through the HTTP API as the client at `ip`. */
export async function signOverHttp(appUrl: string, slug: string, body: Record<string, unknown>, ip: string): Promise<Response> {
  return fetch(`${appUrl}/api/petitions/${slug}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
}

/** Confirms through the JSON API (`POST /api/confirmations`), as the confirmation page does; the status it answers. */
export async function confirmOverHttp(appUrl: string, token: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/confirmations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  return ((await res.json()) as { status: string }).status;
}

/** The token at the end of a confirmation link in an email's text. */
export function confirmationTokenIn(text: string): string {
  const m = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no confirmation link in:\n${text}`);
  return m[1]!;
}

/** Runs `fn` over `items` with at most `n` at a time. */
export async function inParallel<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

/**
 * A PostgreSQL of the test's own (embedded, on a free port, files under .data/), with `database`
 * created and migrated, for tests that stop and restart the database under a running app.
 * `remove()` stops it and deletes its files.
 */
export async function startOwnPostgres(database: string): Promise<{ url: string; stop(): Promise<void>; restart(): Promise<void>; remove(): Promise<void> }> {
  const dataDir = path.resolve(`.data/system-pg-${database}-${process.pid}`);
  const port = await freePort();
  let pg = await startEmbeddedPostgres({ dataDir, port, database });
  const url = pg.urlFor(database);
  await migrateDatabase(url);
  return {
    url,
    stop: () => pg.stop(),
    async restart() {
      pg = await startEmbeddedPostgres({ dataDir, port, database });
    },
    async remove() {
      await pg.stop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The email addresses of signatures a system test's app stored (sealed under SYSTEM_DATA_KEY), opened
 * as the app opens them: of a petition, or of the given ids.
 */
export async function storedEmails(sql: import('postgres').Sql, where: { petitionId: string } | { ids: number[] }): Promise<string[]> {
  const { readOrCreatePetitionKey } = await import('../../lib/privacy/key-store');
  const { openSignerField } = await import('../../lib/privacy/signer-fields');
  const rows =
    'ids' in where
      ? await sql`select petition_id, canonical_email, sealed_email from signatures where id = any(${where.ids}::bigint[])`
      : await sql`select petition_id, canonical_email, sealed_email from signatures where petition_id = ${where.petitionId}`;
  const key = {
    id: SYSTEM_DATA_KEY.slice(0, SYSTEM_DATA_KEY.indexOf(':')),
    key: Buffer.from(SYSTEM_DATA_KEY.slice(SYSTEM_DATA_KEY.indexOf(':') + 1), 'base64'),
  };
  const emails: string[] = [];
  for (const r of rows) {
    const b = { petitionId: r.petition_id as string, signatureKey: r.canonical_email as string };
    const dataKey = await readOrCreatePetitionKey(sql, b.petitionId, { current: key });
    const email = openSignerField(dataKey, b, 'email', r.sealed_email as Buffer | null);
    if (email) emails.push(email);
  }
  return emails;
}
