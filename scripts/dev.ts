import { spawn } from 'node:child_process';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { seedIfEmpty } from '../db/seed';

// `npm run dev`: a real PostgreSQL from npm when DATABASE_URL is not set, migrations, the demo
// petition on an empty database, then server.ts with Next's development server (`--dev`): the same
// entry as `npm start`, so body limits and the outage page behave alike. Mail goes to /dev/mailbox
// unless SMTP_URL is set.
async function main() {
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL on port ${port} (data in .data/pg)…`);
    embedded = await startEmbeddedPostgres({ dataDir: '.data/pg', port, database: 'undersign' });
    databaseUrl = embedded.urlFor('undersign');
  }
  await migrateDatabase(databaseUrl);
  if (await seedIfEmpty(databaseUrl)) console.log('Seeded the demo petition.');
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
