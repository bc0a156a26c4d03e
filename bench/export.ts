import { performance } from 'node:perf_hooks';
import { benchDatabase, seedBigPetition } from './database';

// Streams the CSV export of a million signatures and records the process's peak memory above
// its starting point: a streamed export stays flat however many rows there are.
export async function benchExport(n = Number(process.env.BENCH_SIGNATURES ?? 1_000_000)) {
  const db = await benchDatabase();
  try {
    const { slug, accountId } = await seedBigPetition(db.url, n);
    const { exportSignatures } = await import('../lib/exports/signatures');
    const actor = { id: accountId, email: 'bench@example.org', isAdmin: false };
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const result = await exportSignatures(actor, slug, 'all');
    let bytes = 0;
    let lines = 0;
    const reader = result!.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { server: db.server, rows: lines - 1, megabytes: bytes / 1e6, seconds, baselineMb: baseline / 1e6, peakAboveBaselineMb: (peak - baseline) / 1e6 };
  } finally {
    await db.drop();
  }
}
