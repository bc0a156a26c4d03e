import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isDatabaseUnavailable } from '@/lib/http/json';
import { signatureEmailJobSpec } from './jobs';

const BATCH = 500;

/**
 * Moves up to `batch` signatures from the email outbox into the job queue, in one statement (the
 * claim and the jobs commit together, so a crash loses or doubles nothing). Safe on several
 * workers at once: rows are claimed with SKIP LOCKED, and the job key coalesces any repeat.
 * Returns how many were moved.
 */
export async function relaySignatureEmails(batch = BATCH): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`
    with claimed as (
      delete from signature_email_outbox
      where signature_id in (
        select signature_id from signature_email_outbox order by signature_id limit ${batch} for update skip locked
      )
      returning signature_id
    ),
    queued as (
      select graphile_worker.add_jobs(array_agg(${signatureEmailJobSpec(sql`signature_id`)} order by signature_id), true)
      from claimed having count(*) > 0
    )
    select (select count(*) from queued)::int as n`);
  return rows[0]?.n ?? 0;
}

/**
 * Keeps relaying while the worker runs: again at once after a full batch (a surge drains at the
 * queue's pace, not the timer's), else every `intervalMs`. A database outage pauses it; it carries
 * on when the database is back. `stop()` waits for the batch in hand.
 */
export function startSignatureEmailRelay(intervalMs = 200): { stop(): Promise<void> } {
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)));
  const loop = (async () => {
    while (running) {
      let moved = 0;
      try {
        moved = await relaySignatureEmails();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) console.error('[relay] signature emails:', err);
        await pause(1000);
        continue;
      }
      if (moved < BATCH) await pause(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
