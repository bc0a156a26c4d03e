import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm run db:migrate`: the build's compiled migrator (.next/undersign-migrate.mjs, plain Node, what
// production runs after `npm ci --omit=dev && npm run build`), or, in development before any build,
// scripts/migrate.ts itself through tsx (a development dependency). Plain JavaScript, so it runs
// without a TypeScript loader either way.

const compiled = path.resolve('.next/undersign-migrate.mjs');
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  try {
    import.meta.resolve('tsx');
  } catch {
    console.error('No build to migrate with: run `npm run build` first (or install the development dependencies, for tsx).');
    process.exit(1);
  }
  console.log('No build found (.next/undersign-migrate.mjs): migrating with scripts/migrate.ts through tsx.');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
