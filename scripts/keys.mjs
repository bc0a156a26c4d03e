import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// `npm run keys:rotate` / `npm run keys:backfill`: the build's compiled command (.next/undersign-keys.mjs,
// plain Node, what production runs after `npm ci --omit=dev && npm run build`), or, in development
// before any build, scripts/keys.ts through tsx, as scripts/db-migrate.mjs does for migrations.

const compiled = path.resolve('.next/undersign-keys.mjs');
const args = process.argv.slice(2);
const run = existsSync(compiled)
  ? spawnSync(process.execPath, [compiled, ...args], { stdio: 'inherit' })
  : spawnSync(process.execPath, ['--import', './scripts/server-only.mjs', '--import', 'tsx', 'scripts/keys.ts', ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
