import { spawnSync } from 'node:child_process';
import os from 'node:os';

// `npm run bench [load|email|growth|dashboard|export|delivery]`: prints each benchmark's figures as a table.
// Not part of `npm test`. Each benchmark runs in its own process, on its own fresh database.
async function main() {
  const only = process.argv[2];
  if (!only) {
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    for (const name of ['load', 'email', 'growth', 'dashboard', 'export', 'delivery']) {
      const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, name], { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
    return;
  }
  if (only === 'load') {
    const { benchLoad } = await import('./load');
    const l = await benchLoad();
    console.log(`\nLoad on 127.0.0.1 (npm start, ${l.server}; autocannon, 50 connections, in the same machine):`);
    console.log('| path | req/s (2xx) | p99 ms | errors | baseline | baseline req/s | ratio |\n| --- | ---: | ---: | ---: | --- | ---: | ---: |');
    for (const r of l.rows) {
      const ratio = r.baselineRps ? `${Math.round((r.rps / r.baselineRps) * 100)} %` : '';
      console.log(
        `| ${r.name} | ${Math.round(r.rps)} | ${r.p99} | ${r.errors} | ${r.baseline ?? ''} | ${r.baselineRps ? Math.round(r.baselineRps) : ''} | ${ratio} |`,
      );
    }
    for (const c of l.checks) console.log(`- ${c}`);
  }
  if (only === 'email') {
    const { benchEmail } = await import('./email');
    const e = await benchEmail();
    console.log(`\nEmail: ${e.mails} confirmation emails to a local SMTP server (${e.server}):`);
    console.log('| sender | mails/s |\n| --- | ---: |');
    console.log(`| the worker (outbox → queue, 25 to a job → tokens → render → pooled SMTP) | ${Math.round(e.workerRate)} |`);
    console.log(`| baseline: plain nodemailer pool, 5 connections | ${Math.round(e.baselineRate)} |`);
    console.log(`Ratio: ${Math.round((e.workerRate / e.baselineRate) * 100)} %`);
  }
  if (only === 'growth') {
    const sizes = (process.env.BENCH_GROWTH ?? '10000,10000000').split(',');
    if (sizes.length > 1) {
      for (const size of sizes) {
        const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, 'growth'], {
          stdio: 'inherit',
          env: { ...process.env, BENCH_GROWTH: size },
        });
        if (r.status !== 0) process.exit(r.status ?? 1);
      }
      return;
    }
    const { benchGrowth } = await import('./growth');
    for (const g of await benchGrowth()) {
      console.log(`\nGrowth: ${g.signatures.toLocaleString('en')} signatures already stored (seeded in ${g.seedSeconds.toFixed(0)} s), median of 300:`);
      console.log(`| signatures | sign (ms) | count read (ms) | petition page query (ms) |\n| ---: | ---: | ---: | ---: |`);
      console.log(`| ${g.signatures.toLocaleString('en')} | ${g.signMs.toFixed(2)} | ${g.countMs.toFixed(2)} | ${g.pageQueryMs.toFixed(2)} |`);
    }
  }
  if (only === 'dashboard') {
    const { benchDashboard } = await import('./dashboard');
    const d = await benchDashboard();
    console.log(
      `\nDashboard at ${d.signatures.toLocaleString('en')} signatures on one petition (${d.server}; seeded in ${d.seedSeconds.toFixed(0)} s), median of 5:`,
    );
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
    console.log(
      `| ${e.rows} | ${e.megabytes.toFixed(1)} | ${e.seconds.toFixed(1)} | ${Math.round(e.rows / e.seconds)} | ${e.baselineMb.toFixed(0)} | ${e.peakAboveBaselineMb.toFixed(1)} |`,
    );
  }
  if (only === 'delivery') {
    const { benchDeliveryDocument } = await import('./delivery-document');
    const d = await benchDeliveryDocument();
    console.log(
      `\nDelivery of ${d.signatures.toLocaleString('en')} confirmed signatures, all named (${d.server}): recorded with its list and fingerprint in ${d.deliverSeconds.toFixed(2)} s.`,
    );
    console.log(
      '| document | first byte (ms) | total (s) | MB | names | RSS before (MB) | peak RSS above it (MB) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const [i, r] of d.runs.entries()) {
      console.log(
        `| ${i === 0 ? 'English' : 'Arabic'} | ${r.ttfbMs.toFixed(0)} | ${r.seconds.toFixed(2)} | ${r.megabytes.toFixed(1)} | ${r.names} | ${r.baselineMb.toFixed(0)} | ${r.peakAboveBaselineMb.toFixed(1)} |`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
