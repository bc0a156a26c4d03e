import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TaskList } from 'graphile-worker';
import { releaseStaleLocks } from '@/lib/jobs/stale-locks';
import { startWorker } from '@/lib/jobs/worker';
import { startBackend } from '../support/app';

// A file of its own: the test runs for over 90 s, and the runner gives each file 120 s.
let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const timer = setTimeout(r, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), r()));
  });

test('a 90-second job beside the stale-lock sweep runs exactly once, with a second worker waiting for work', { timeout: 115_000 }, async () => {
  let runs = 0;
  // Ends the job early only if the test fails, so the workers stop at once.
  const failed = new AbortController();
  const tasks: TaskList = {
    long_job: async () => {
      runs += 1;
      await sleep(90_000, failed.signal);
    },
  };
  const first = await startWorker({ concurrency: 1, pollInterval: 200, cron: false, tasks });
  const jobId = Number((await app.sql`select (graphile_worker.add_job('long_job', '{}'::json)).id`)[0]!.id);
  while (runs === 0) await sleep(100);
  // A second worker that would run the job again the moment its lock were released.
  const second = await startWorker({ concurrency: 1, pollInterval: 200, cron: false, tasks });
  try {
    let sweeps = 0;
    while ((await app.sql`select 1 from graphile_worker.jobs where id = ${jobId}`).length > 0) {
      await releaseStaleLocks();
      sweeps += 1;
      assert.equal(runs, 1, `the job started again after ${sweeps} sweeps`);
      await sleep(2_000);
    }
    assert.ok(sweeps >= 40, `the sweep ran ${sweeps} times while the job ran`);
    assert.equal(runs, 1, 'the job ran once');
  } catch (err) {
    failed.abort();
    throw err;
  } finally {
    await Promise.all([first.stop(), second.stop()]);
  }
});
