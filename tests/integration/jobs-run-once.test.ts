import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TaskList } from 'graphile-worker';
import { getSignatureCount, recountPetition } from '@/lib/petitions/counts';
import { applyRetention, RETENTION_LOCK } from '@/lib/privacy/retention';
import { releaseStaleLocks } from '@/lib/jobs/stale-locks';
import { startWorker } from '@/lib/jobs/worker';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < end, `timed out: ${what}`);
    await sleep(100);
  }
}

const addJob = async (task: string, queue: string | null = null) =>
  Number((await app.sql`select (graphile_worker.add_job(${task}, '{}'::json, queue_name := ${queue})).id`)[0]!.id);
const lockOf = async (jobId: number) =>
  (await app.sql`select locked_by from graphile_worker.jobs where id = ${jobId}`)[0]?.locked_by as string | null | undefined;

test('only the locks of a worker that stopped beating are released, on a named queue too; a live worker keeps its long-held lock', async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let runs = 0;
  const tasks: TaskList = {
    held_job: async () => {
      runs += 1;
      await held;
    },
  };
  // Beats once at start, then (for this test) not again: as a worker killed after its first beat.
  const worker = await startWorker({ concurrency: 2, pollInterval: 200, cron: false, tasks, heartbeatMs: 3_600_000 });
  try {
    const plain = await addJob('held_job');
    const queued = await addJob('held_job', 'serial-queue');
    await until(async () => (await lockOf(plain)) != null && (await lockOf(queued)) != null, 'both jobs locked');
    const poolId = (await lockOf(plain))!;
    const [{ n: beats }] = (await app.sql`select count(*)::int as n from queue_worker_heartbeats where worker_id = ${poolId}`) as unknown as [{ n: number }];
    assert.equal(beats, 1, 'the worker records the id its locks carry');

    // Alive: the locks are older than the sweep's threshold (1 s here, so the locks need not be aged
    // by hand in the queue's own table), but the worker beat a moment ago.
    await sleep(1_500);
    await app.sql`update queue_worker_heartbeats set beat_at = now() where worker_id = ${poolId}`;
    await releaseStaleLocks(1);
    assert.equal(await lockOf(plain), poolId, 'a live worker keeps its lock');
    assert.equal(await lockOf(queued), poolId);

    // Gone: no beat for two minutes.
    await app.sql`update queue_worker_heartbeats set beat_at = now() - interval '2 minutes' where worker_id = ${poolId}`;
    await releaseStaleLocks(1);
    assert.equal(await lockOf(plain), null, 'the job of a worker that stopped beating is released');
    assert.equal(await lockOf(queued), null);
    assert.equal(runs, 2);
    // Named queues have no public view: what shows the queue was released with its job is that another
    // worker can take the job (a named queue still locked by the gone worker would hold it back).
    const taken: number[] = [];
    const other = await startWorker({
      concurrency: 2,
      pollInterval: 200,
      cron: false,
      tasks: { held_job: async (_, { job }) => void taken.push(Number(job.id)) },
    });
    try {
      await until(() => taken.includes(queued), 'the named queue is released with its job');
    } finally {
      await other.stop();
    }
  } finally {
    release();
    await worker.stop();
  }
});

test('two concurrent recounts of a drifted petition leave the count exact', async () => {
  const p = await app.createPetition();
  for (let i = 0; i < 3; i++) {
    await app.sql`insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at)
      values (${p.id}, 'S', ${`r${i}@example.org`}, ${`r${i}@example.org`}, 'FR', 'confirmed', now())`;
    await app.sealLegacySignatures();
  }
  // Drift: the counters say 103 for 3 confirmed signatures.
  await app.sql`insert into petition_counters (petition_id, shard, confirmed) values (${p.id}, 0, 3), (${p.id}, 5, 100)`;
  // Hold the row both corrections write, so both recounts are in flight together before either commits.
  const blocker = await app.sql.reserve();
  try {
    await blocker`begin`;
    await blocker`select 1 from petition_counters where petition_id = ${p.id} and shard = 0 for update`;
    const recounts = Promise.all([recountPetition(p.id), recountPetition(p.id)]);
    await until(
      async () => (await app.sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`).length === 2,
      'both recounts waiting',
    );
    await blocker`commit`;
    const results = await recounts;
    assert.deepEqual(
      results.map((r) => r.actual),
      [3, 3],
    );
    assert.equal(await getSignatureCount(p.id), 3, 'the correction is applied once');
  } finally {
    blocker.release();
  }
});

test('a retention run does nothing while another holds its lock', async () => {
  const holder = await app.sql.reserve();
  try {
    await holder`select pg_advisory_lock(${RETENTION_LOCK})`;
    assert.equal(await applyRetention(), false, 'skipped while another run holds the lock');
    await holder`select pg_advisory_unlock(${RETENTION_LOCK})`;
    assert.equal(await applyRetention(), true, 'runs once the lock is free');
  } finally {
    holder.release();
  }
});
