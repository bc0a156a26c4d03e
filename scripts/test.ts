import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { postgresDefaults } from '../db/connection';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { demoPetition, insertPetition } from '../db/seed';
import { startSmtpSink } from '../tests/support/smtp-sink';

// `npm test`: unit and integration tests (node:test) against a real PostgreSQL, then a
// production build served by `next start` and driven by Playwright in Chromium.
// DATABASE_URL, when set, names the server to use (databases are created on it and dropped after);
// otherwise the embedded PostgreSQL is started. What to run (see `select` below):
//   npm test -- unit [file-substring]          one stage (unit, integration, system or e2e), optionally some of its files
//   npm test -- tests/integration/abuse.test.ts one file, in its own stage
//   npm test -- "some test name"                the tests whose names match (a regular expression), in every stage that has one

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const runId = `undersign_t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const summary: { stage: string; passed: number; failed: number }[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, onOutput?: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      onOutput?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function testFiles(dir: string, suffix: string): string[] {
  const full = path.join(root, 'tests', dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join('tests', dir, f));
}

type Stage = 'unit' | 'integration' | 'system' | 'e2e';
const STAGES: Stage[] = ['unit', 'integration', 'system', 'e2e'];
const SUFFIX: Record<Stage, string> = { unit: '.test.ts', integration: '.test.ts', system: '.test.ts', e2e: '.spec.ts' };

/** The files each selected stage runs, and the test-name pattern they run under (node's --test-name-pattern, Playwright's -g). */
type Selection = { files: Partial<Record<Stage, string[]>>; namePattern?: string; e2eArgs: string[] };

function select(args: string[]): Selection {
  const [first, second] = args;
  const all = (stage: Stage) => testFiles(stage, SUFFIX[stage]);
  if (!first) return { files: Object.fromEntries(STAGES.map((s) => [s, all(s)])), e2eArgs: [] };
  if ((STAGES as string[]).includes(first)) {
    const stage = first as Stage;
    // For e2e, Playwright reads the rest itself (file names or title patterns); node stages filter files by substring.
    if (stage === 'e2e') return { files: { e2e: all('e2e') }, e2eArgs: args.slice(1) };
    return { files: { [stage]: all(stage).filter((f) => !second || f.includes(second)) }, e2eArgs: [] };
  }
  // A test file (a path, or just its name): its directory names its stage.
  if (first.endsWith('.test.ts') || first.endsWith('.spec.ts')) {
    const wanted = path.relative(root, path.resolve(first));
    for (const stage of STAGES) {
      const file = all(stage).find((f) => f === wanted || path.basename(f) === first);
      if (file) return { files: { [stage]: [file] }, e2eArgs: stage === 'e2e' ? [file] : [] };
    }
    throw new Error(`No such test file: ${first}`);
  }
  // A test name: only the files whose source matches it (a name built at run time may be missed: name its stage then).
  const pattern = new RegExp(first);
  const files: Selection['files'] = {};
  for (const s of STAGES) {
    const matching = all(s).filter((f) => pattern.test(readFileSync(path.join(root, f), 'utf8')));
    if (matching.length) files[s] = matching;
  }
  if (Object.keys(files).length === 0)
    throw new Error(`No test file mentions a test named like /${first}/ (to run a stage: npm test -- unit|integration|system|e2e)`);
  return { files, namePattern: first, e2eArgs: [...(files.e2e ?? []), '-g', first] };
}

const selection = (() => {
  try {
    return select(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
})();

function chromiumAvailable(): boolean {
  if (existsSync('/usr/bin/chromium')) return true;
  try {
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

async function nodeTests(adminUrl: string, template: string, stage: 'unit+integration' | 'system' = 'unit+integration'): Promise<boolean> {
  const files = stage === 'system' ? (selection.files.system ?? []) : [...(selection.files.unit ?? []), ...(selection.files.integration ?? [])];
  if (files.length === 0) return true;
  let out = '';
  const code = await run(
    process.execPath,
    // System tests start servers and kill them: one file at a time.
    [
      // server-only's guard passes; React stays the build that renders emails (see scripts/server-only-hooks.mjs).
      '--import',
      './scripts/server-only.mjs',
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      `--test-concurrency=${stage === 'system' ? 1 : 2}`,
      `--test-timeout=${stage === 'system' ? 600_000 : 120_000}`,
      ...(selection.namePattern ? [`--test-name-pattern=${selection.namePattern}`] : []),
      ...files,
    ],
    { ...process.env, TEST_ADMIN_URL: adminUrl, TEST_TEMPLATE_DB: template, NODE_ENV: 'test', DATABASE_URL: '' },
    (t) => (out += t),
  );
  const count = (label: string) => Number(out.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);
  summary.push({ stage, passed: count('pass'), failed: count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0) });
  return code === 0;
}

let built: Promise<boolean> | undefined;
/** `next build`, once per run: the system tests and the end-to-end tests share it. */
function buildOnce(): Promise<boolean> {
  built ??= (async () => {
    console.log('\n▶ Building the app (next build)…');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    let code = await run(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], env);
    if (code === 0) code = await run(process.execPath, ['scripts/build-server.mjs'], env);
    if (code !== 0) summary.push({ stage: 'build', passed: 0, failed: 1 });
    return code === 0;
  })();
  return built;
}

/** Several instances and faults: real `npm start` processes, a separate worker, a database that restarts. */
async function systemTests(adminUrl: string, template: string): Promise<boolean> {
  if (!selection.files.system?.length) return true;
  if (!(await buildOnce())) return false;
  return nodeTests(adminUrl, template, 'system');
}

async function e2eTests(adminUrl: string, template: string): Promise<boolean> {
  if (!selection.files.e2e?.length) return true;
  if (!chromiumAvailable()) {
    console.error(
      '\nNo Chromium for the end-to-end tests. Install one of:\n' +
        '  Debian/Ubuntu:  sudo apt-get install -y chromium   (used from /usr/bin/chromium)\n' +
        '  elsewhere:      npx playwright install chromium\n',
    );
    summary.push({ stage: 'e2e', passed: 0, failed: 1 });
    return false;
  }
  if (!(await buildOnce())) return false;

  const database = `${runId}_e2e`;
  const admin = postgres(adminUrl, { ...postgresDefaults, max: 1 });
  await admin.unsafe(`create database "${database}" template "${template}"`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, database);
  const seedSql = postgres(databaseUrl, { ...postgresDefaults, max: 1 });
  await insertPetition(seedSql, demoPetition);
  await seedSql.end();

  const mailDir = path.join(root, '.data', 'test-mail', runId);
  mkdirSync(mailDir, { recursive: true });
  const smtp = await startSmtpSink({ dir: mailDir });
  const port = await freePort();
  const jsonReport = path.join(root, '.data', `${runId}-playwright.json`);
  try {
    const code = await run(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--reporter=list,json', ...selection.e2eArgs], {
      ...process.env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: jsonReport,
      E2E_PORT: String(port),
      E2E_DATABASE_URL: databaseUrl,
      E2E_SMTP_URL: smtp.url,
      E2E_MAIL_DIR: mailDir,
    });
    type Stats = { expected?: number; flaky?: number; unexpected?: number };
    const stats = existsSync(jsonReport) ? (JSON.parse(readFileSync(jsonReport, 'utf8')) as { stats?: Stats }).stats : null;
    summary.push({
      stage: 'e2e',
      passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
      failed: (stats?.unexpected ?? 0) + (code !== 0 && !stats?.unexpected ? 1 : 0),
    });
    return code === 0;
  } finally {
    await smtp.stop();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(jsonReport, { force: true });
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function main() {
  const started = Date.now();
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.log('No DATABASE_URL: starting the embedded PostgreSQL for the tests (data in .data/test-pg)…');
    embedded = await startEmbeddedPostgres({ dataDir: '.data/test-pg', port: Number(process.env.TEST_PG_PORT ?? 54331), database: 'postgres' });
    adminUrl = embedded.urlFor('postgres');
  }
  const template = `${runId}_tpl`;
  const admin = postgres(adminUrl, { ...postgresDefaults, max: 1 });
  let ok = true;
  try {
    await admin.unsafe(`create database "${template}"`);
    await migrateDatabase(withDatabase(adminUrl, template));
    // A template must have no open connections while it is copied.
    ok = (await nodeTests(adminUrl, template)) && ok;
    ok = (await systemTests(adminUrl, template)) && ok;
    ok = (await e2eTests(adminUrl, template)) && ok;
  } finally {
    const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${runId + '%'}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    await embedded?.stop();
  }
  const passed = summary.reduce((n, s) => n + s.passed, 0);
  const failed = summary.reduce((n, s) => n + s.failed, 0);
  console.log(`\n${summary.map((s) => `${s.stage}: ${s.passed} passed, ${s.failed} failed`).join('\n')}`);
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
