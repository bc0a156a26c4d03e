import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { seedIfEmpty } from '../db/seed';

// `npm run dev`: a real PostgreSQL from npm when DATABASE_URL is not set, migrations, the demo
// petition on an empty database, then `next dev`. Mail goes to /dev/mailbox unless SMTP_URL is set.
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

  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const port = process.env.PORT ?? '3000';
  const child = spawn(process.execPath, [nextBin, 'dev', '-p', port, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl },
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
