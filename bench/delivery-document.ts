import postgres from 'postgres';
import { performance } from 'node:perf_hooks';
import { postgresDefaults } from '../db/connection';
import { benchDatabase, seedBigPetition } from './database';

// A delivery of 100,000 confirmed signatures, every one of them named (the worst case for the
// document): how long recording the delivery takes, then the delivery document streamed to the end
// (time to its first byte, total time, size) and the process's peak memory above its start.
export async function benchDeliveryDocument(confirmed = Number(process.env.BENCH_DELIVERY_SIGNERS ?? 100_000)) {
  const db = await benchDatabase();
  try {
    // seedBigPetition confirms 80 %.
    const { petitionId, slug } = await seedBigPetition(db.url, Math.ceil(confirmed / 0.8));
    const sql = postgres(db.url, { ...postgresDefaults, max: 1 });
    await sql`update signatures set show_name = true where petition_id = ${petitionId} and status = 'confirmed'`;
    await sql`insert into petition_targets (petition_id, position, name, email, language) values (${petitionId}, 0, 'The Minister', 'minister@example.org', 'en')`;
    await sql`vacuum analyze signatures`;
    await sql.end();

    const { getDb } = await import('../db/client');
    const { insertDelivery } = await import('../lib/deliveries/statements');
    const { findDeliveryDocument, renderDeliveryDocument } = await import('../lib/deliveries/document');
    let start = performance.now();
    const delivery = await insertDelivery(getDb(), { petitionId, kind: 'manual', trigger: null, message: '', createdBy: null, targetIds: null });
    const deliverSeconds = (performance.now() - start) / 1000;

    const runs: { ttfbMs: number; seconds: number; megabytes: number; names: number; peakAboveBaselineMb: number; baselineMb: number }[] = [];
    for (const locale of ['en', 'ar']) {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      start = performance.now();
      const doc = await findDeliveryDocument(slug, delivery!.id, locale);
      const reader = renderDeliveryDocument(doc!, locale, 'http://bench.test').getReader();
      let ttfbMs = 0;
      let bytes = 0;
      let names = 0;
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (bytes === 0) ttfbMs = performance.now() - start;
        bytes += value.byteLength;
        names += decoder.decode(value).split('<li><bdi>').length - 1;
      }
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      runs.push({ ttfbMs, seconds, megabytes: bytes / 1e6, names, baselineMb: baseline / 1e6, peakAboveBaselineMb: (peak - baseline) / 1e6 });
    }
    return { server: db.server, signatures: delivery!.signatureCount, deliverSeconds, runs };
  } finally {
    await db.drop();
  }
}
