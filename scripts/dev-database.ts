import { startEmbeddedPostgres } from '../db/embedded';

// The embedded PostgreSQL of `npm run dev`, in a process of its own that scripts/dev.ts starts
// detached (its own process group): Ctrl-C in the terminal signals the whole foreground group, and
// PostgreSQL stopping at the same moment as the app would cut the queue worker's connections while
// it finishes its jobs. This way the app stops first, then scripts/dev.ts asks this process to stop
// the database. It also stops when scripts/dev.ts goes away without asking (its IPC channel closes).

async function main() {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const server = await startEmbeddedPostgres({ dataDir: '.data/pg', port, database: 'undersign' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('message', (message) => message === 'stop' && void stop());
  process.on('disconnect', () => void stop());
  process.send!({ url: server.urlFor('undersign') });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
