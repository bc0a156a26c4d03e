import { performance } from 'node:perf_hooks';
import { benchDatabase, median, seedBigPetition } from './database';

// Times every query of the organiser dashboard on one petition with a million signatures
// (median of 5 runs each, after one warm-up), and the whole page's set run in parallel.
export async function benchDashboard(n = Number(process.env.BENCH_SIGNATURES ?? 1_000_000)) {
  const db = await benchDatabase();
  try {
    const seedStart = performance.now();
    const { petitionId, slug, accountId } = await seedBigPetition(db.url, n);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const { getDb } = await import('../db/client');
    const { dashboardQueries, getDashboard, listSignaturesForOrganiser } = await import('../lib/dashboard/queries');
    const actor = { id: accountId, email: 'bench@example.org', isAdmin: false };
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await fn();
        runs.push(performance.now() - t);
      }
      return median(runs);
    };
    const rows: [string, number][] = [];
    for (const [name, query] of Object.entries(dashboardQueries(petitionId))) {
      rows.push([name, await time(() => getDb().execute(query))]);
    }
    rows.push(['latest signatures', await time(() => listSignaturesForOrganiser(actor, slug))]);
    rows.push(['search by whole words of a name', await time(() => listSignaturesForOrganiser(actor, slug, { q: 'Signer 12' }))]);
    rows.push(['search by email', await time(() => listSignaturesForOrganiser(actor, slug, { q: 'b123456@example.org' }))]);
    rows.push(['whole dashboard (parallel)', await time(() => getDashboard(actor, slug))]);
    return { server: db.server, signatures: n, seedSeconds, rows };
  } finally {
    await db.drop();
  }
}
