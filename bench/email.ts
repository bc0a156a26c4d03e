import nodemailer from 'nodemailer';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { postgresDefaults } from '../db/connection';
import { SMTPServer } from 'smtp-server';
import { insertPetition } from '../db/seed';
import { benchDatabase } from './database';

// The worker's send rate (outbox → queue → render → token → SMTP) against plain nodemailer pooled sending of
// ready-made messages, both to the same local SMTP server that accepts and discards.

async function discardingSmtp(): Promise<{ url: string; received: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, stop: () => new Promise((r) => server.close(() => r())) };
}

export async function benchEmail(n = Number(process.env.BENCH_MAILS ?? 3000)) {
  const smtp = await discardingSmtp();
  // Baseline: nodemailer's pool (5 connections), every message sent at once: the same confirmation
  // email the worker sends (rendered once here), so both put the same bytes through the sink.
  const { renderSignatureConfirmation } = await import('../lib/mail/templates');
  const url = 'http://bench.example/p/bench-email';
  const mail = await renderSignatureConfirmation({
    locale: 'en',
    name: 'Mail 1',
    petitionTitle: 'Email bench',
    confirmUrl: `${url}/confirm/${'x'.repeat(43)}`,
    manageUrl: `http://bench.example/s/${'y'.repeat(43)}`,
    days: 14,
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(new URL(smtp.url).port),
    pool: true,
    maxConnections: 5,
    secure: false,
    ignoreTLS: true,
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => transport.sendMail({ ...mail, from: 'Undersign <no-reply@bench.example>', to: `b${i}@example.org` })));
  const baseline = n / ((performance.now() - t0) / 1000);
  transport.close();

  const db = await benchDatabase();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = 'http://bench.example';
  const sql = postgres(db.url, { ...postgresDefaults, max: 2 });
  try {
    const petitionId = await insertPetition(sql, { slug: 'bench-email', title: 'Email bench', summary: 's', body: '', target: 't', goal: 10, demands: ['d'] });
    const { getDb } = await import('../db/client');
    const { sql: dsql } = await import('drizzle-orm');
    // As signing leaves them: each signature with its email waiting in the outbox, which the worker
    // relays to the queue (timed with the sending).
    await getDb().execute(dsql`
      with ins as (
        insert into signatures (petition_id, name, email, canonical_email, email_domain, country)
        select ${petitionId}, 'Mail ' || g, 'm' || g || '@example.org', 'm' || g || '@example.org', 'example.org', 'FR' from generate_series(1, ${n}) g
        returning id
      )
      insert into signature_email_outbox (signature_id) select id from ins`);
    // Inserted in the clear columns, then sealed as signing seals them (not timed).
    const { sealLegacySignerData } = await import('../lib/privacy/maintain-keys');
    await sealLegacySignerData();
    const before = smtp.received();
    const { startWorker } = await import('../lib/jobs/worker');
    const t1 = performance.now();
    const worker = await startWorker({ pollInterval: 100, cron: false });
    while (smtp.received() - before < n) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - t1) / 1000;
    await worker.stop();
    return { mails: n, workerRate: n / seconds, baselineRate: baseline, server: db.server };
  } finally {
    await sql.end();
    await db.drop();
    await smtp.stop();
  }
}
