import { performance } from 'node:perf_hooks';
import { benchDatabase, median, seedBigPetition } from './database';

// Sign latency and count read time on a petition that already has `n` signatures: the hot paths
// must not slow down as the table grows (the sign is one indexed statement, the count 16 rows).
export async function benchGrowth(sizes = (process.env.BENCH_GROWTH ?? '10000,10000000').split(',').map(Number)) {
  const results: { signatures: number; signMs: number; countMs: number; pageQueryMs: number; seedSeconds: number }[] = [];
  for (const n of sizes) {
    const db = await benchDatabase();
    try {
      const t = performance.now();
      const { slug, petitionId } = await seedBigPetition(db.url, n);
      const seedSeconds = (performance.now() - t) / 1000;
      const { signPetition } = await import('../lib/signatures/sign');
      const { getSignatureCount } = await import('../lib/petitions/counts');
      const { getPublicPetition } = await import('../lib/petitions/queries');
      const time = async (fn: (i: number) => Promise<unknown>, runs = 300) => {
        for (let i = 0; i < 20; i++) await fn(-i - 1);
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          const s = performance.now();
          await fn(i);
          samples.push(performance.now() - s);
        }
        return median(samples);
      };
      const signMs = await time((i) =>
        signPetition(slug, { name: 'Growth', email: `g${n}x${i}@d${i}.example`, country: 'FR' }, { ip: `10.8.${(i >> 8) & 255}.${i & 255}` }),
      );
      const countMs = await time(() => getSignatureCount(petitionId));
      const pageQueryMs = await time(() => getPublicPetition(slug));
      results.push({ signatures: n, signMs, countMs, pageQueryMs, seedSeconds });
    } finally {
      await db.drop();
    }
  }
  return results;
}
