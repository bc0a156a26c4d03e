import type postgres from 'postgres';
import { jobNames } from '@/lib/jobs/jobs';

/**
 * Resolves once every email asked for so far has been handed to the SMTP server: nothing left in the
 * signature email outbox and no email job waiting or running. A job completes only after its send,
 * so the sink then holds every message there will be. Rejects after `timeoutMs`.
 */
export async function mailSettled(sql: postgres.Sql, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`
      select (select count(*) from signature_email_outbox)
           + (select count(*) from graphile_worker.jobs where task_identifier in (${jobNames.signatureEmail}, ${jobNames.loginLink}))::int as n`;
    if (Number(row!.n) === 0) return;
    if (Date.now() > end) throw new Error(`email still pending after ${timeoutMs} ms (${row!.n})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
