import { fork, spawn, type ChildProcess } from 'node:child_process';
import { migrateDatabase } from '../db/migrate';
import { DEMO_ORGANISER_EMAIL, seedIfEmpty } from '../db/seed';

// `npm run dev`: a real PostgreSQL from npm when DATABASE_URL is not set, migrations, the demo
// petition on an empty database, then server.ts with Next's development server (`--dev`): the same
// entry as `npm start`, so body limits and the outage page behave alike. Mail goes to /dev/mailbox
// unless SMTP_URL is set.
/** The embedded PostgreSQL in its own process group (scripts/dev-database.ts): its URL, and how to stop it. */
async function startDevDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const holder: ChildProcess = fork('scripts/dev-database.ts', [], {
    execArgv: ['--import', 'tsx'],
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    holder.once('message', (m) => resolve((m as { url: string }).url));
    holder.once('exit', (code) => reject(new Error(`The embedded PostgreSQL did not start (exit code ${code}).`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (holder.exitCode !== null) return resolve();
        holder.once('exit', () => resolve());
        holder.send('stop');
      }),
  };
}

async function main() {
  let embedded: Awaited<ReturnType<typeof startDevDatabase>> | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL on port ${port} (data in .data/pg)…`);
    embedded = await startDevDatabase();
    databaseUrl = embedded.url;
  }
  await migrateDatabase(databaseUrl);
  if (await seedIfEmpty(databaseUrl)) console.log(`Seeded the demo petition; its organiser signs in at /login as ${DEMO_ORGANISER_EMAIL}.`);
  if (!process.env.SMTP_URL) console.log('No SMTP_URL: email is kept in the development mailbox at /dev/mailbox.');

  const port = process.env.PORT ?? '3000';
  const child = spawn(process.execPath, ['--import', './scripts/server-only.mjs', '--import', 'tsx', 'server.ts', '--dev'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', PORT: port, DATABASE_URL: databaseUrl },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
