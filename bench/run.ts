import { spawnSync } from 'node:child_process';
import os from 'node:os';

// `npm run bench [dashboard|export]`: prints each benchmark's figures as a table. Not part of
// `npm test`. Each benchmark runs in its own process, on its own fresh database.
async function main() {
  const only = process.argv[2];
  if (!only) {
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    for (const name of ['dashboard', 'export']) {
      const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, name], { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
    return;
  }
  if (only === 'dashboard') {
    const { benchDashboard } = await import('./dashboard');
    const d = await benchDashboard();
    console.log(`\nDashboard at ${d.signatures.toLocaleString('en')} signatures on one petition (${d.server}; seeded in ${d.seedSeconds.toFixed(0)} s), median of 5:`);
    console.log('| query | ms |\n| --- | ---: |');
    for (const [name, ms] of d.rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
    const worst = Math.max(...d.rows.filter(([n]) => !n.startsWith('whole')).map(([, ms]) => ms));
    console.log(`Slowest single query: ${worst.toFixed(1)} ms (budget 300 ms)`);
  }
  if (only === 'export') {
    const { benchExport } = await import('./export');
    const e = await benchExport();
    console.log(`\nCSV export of ${e.rows.toLocaleString('en')} signatures (${e.server}):`);
    console.log('| rows | MB written | seconds | rows/s | RSS before (MB) | peak RSS above it (MB) |\n| ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(`| ${e.rows} | ${e.megabytes.toFixed(1)} | ${e.seconds.toFixed(1)} | ${Math.round(e.rows / e.seconds)} | ${e.baselineMb.toFixed(0)} | ${e.peakAboveBaselineMb.toFixed(1)} |`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
