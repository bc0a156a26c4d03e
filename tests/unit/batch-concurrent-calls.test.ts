import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnavailable } from '@/db/health';
import { BatchQueueFull, batchConcurrentCalls } from '@/lib/batching/batch-concurrent-calls';

type Call = { n: number; group?: string; keys?: string[] };

/** A batcher whose `run` records each batch and answers n × 10 once `release` is called for it. */
function recorder(o: { maxInFlight?: number; maxBatch?: number; maxWaiting?: number; maxWaitMs?: number; fail?: (batch: number[]) => Error | null } = {}) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const call = batchConcurrentCalls<Call, number>({
    groupOf: (c) => c.group ?? 'p',
    keysOf: (c) => c.keys ?? [`k${c.n}`],
    maxInFlight: o.maxInFlight ?? 1,
    maxBatch: o.maxBatch ?? 10,
    maxWaiting: o.maxWaiting ?? 100,
    maxWaitMs: o.maxWaitMs ?? 60_000,
    failureOf: (err: unknown) => ((err as Error).message === 'database down' ? 'all' : (err as Error).message === 'connection lost' ? 'batch' : 'retry'),
    run: (items) => {
      const ns = items.map((i) => i.n);
      batches.push(ns);
      return new Promise((resolve, reject) =>
        pending.push(() => {
          const err = o.fail?.(ns);
          if (err) reject(err);
          else resolve(ns.map((n) => n * 10));
        }),
      );
    },
  });
  // Lets every batch started so far finish, and the ones they start, until none is left.
  const drain = async () => {
    for (let idle = 0; idle < 5;) {
      await new Promise((r) => setImmediate(r));
      const now = pending.splice(0);
      idle = now.length === 0 ? idle + 1 : 0;
      now.forEach((release) => release());
    }
  };
  return { call, batches, drain };
}

test('a call made while nothing runs runs at once, alone', async () => {
  const { call, batches, drain } = recorder();
  const result = call({ n: 1 });
  assert.deepEqual(batches, [[1]]);
  await drain();
  assert.equal(await result, 10);
});

test('calls made while a batch runs go together in the next one, oldest first, each getting its own result', async () => {
  const { call, batches, drain } = recorder({ maxBatch: 3 });
  const results = [1, 2, 3, 4, 5, 6].map((n) => call({ n }));
  assert.deepEqual(batches, [[1]]);
  await drain();
  assert.deepEqual(batches, [[1], [2, 3, 4], [5, 6]]);
  assert.deepEqual(await Promise.all(results), [10, 20, 30, 40, 50, 60]);
});

test('calls of different groups, or sharing a key, never share a batch', async () => {
  const { call, batches, drain } = recorder();
  const results = [
    call({ n: 1 }),
    call({ n: 2, keys: ['ip-a', 'mail-a'] }),
    call({ n: 3, group: 'other' }),
    call({ n: 4, keys: ['ip-a', 'mail-b'] }),
    call({ n: 5, keys: ['ip-b', 'mail-a'] }),
    call({ n: 6, keys: ['ip-c'] }),
  ];
  await drain();
  // 4 and 5 each share a key with 2 (but none with each other), 3 is another petition's: each waits for a later batch.
  assert.deepEqual(batches, [[1], [2, 6], [3], [4, 5]]);
  assert.deepEqual(await Promise.all(results), [10, 20, 30, 40, 50, 60]);
});

test('no more batches run at once than allowed', async () => {
  const { call, batches } = recorder({ maxInFlight: 2 });
  void [1, 2, 3, 4].map((n) => call({ n }).catch(() => {}));
  assert.deepEqual(batches, [[1], [2]]);
});

test('a failed batch runs again one call at a time: each call gets its own result or its own error', async () => {
  const { call, batches, drain } = recorder({ fail: (ns) => (ns.length > 1 ? new Error('deadlock') : ns[0] === 3 ? new Error('three fails') : null) });
  const results = Promise.allSettled([1, 2, 3, 4].map((n) => call({ n })));
  await drain();
  assert.deepEqual(batches, [[1], [2, 3, 4], [2], [3], [4]]);
  const settled = await results;
  assert.deepEqual(
    settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
    [10, 20, 'three fails', 40],
  );
});

test('a call whose key a running batch holds waits for it, and no later call of that key overtakes it', async () => {
  const { call, batches, drain } = recorder({ maxInFlight: 2 });
  const results = [call({ n: 1, keys: ['ip-a'] }), call({ n: 2, keys: ['ip-a'] }), call({ n: 3, keys: ['ip-b'] }), call({ n: 4, keys: ['ip-a'] })];
  // 1 runs; 2 waits for ip-a; 3 and 4 find calls waiting and wait for the next batch (no rescan per
  // call), which takes 2 and 3; 4 shares ip-a with 2 and never overtakes it.
  assert.deepEqual(batches, [[1]]);
  await drain();
  assert.deepEqual(batches, [[1], [2, 3], [4]]);
  assert.deepEqual(await Promise.all(results), [10, 20, 30, 40]);
});

test('beyond the waiting limit a call fails at once, as an overloaded database does (503, not 500)', async () => {
  const { call } = recorder({ maxWaiting: 2 });
  void call({ n: 1 }); // runs
  void call({ n: 2 }); // waits
  void call({ n: 3 }); // waits
  await assert.rejects(call({ n: 4 }), (err) => err instanceof BatchQueueFull && isDatabaseUnavailable(err));
});

test('a batch failing as every call would (the database down) fails at once with every waiting call: no retries one by one', async () => {
  const { call, batches, drain } = recorder({ fail: () => new Error('database down') });
  const results = Promise.allSettled([1, 2, 3, 4].map((n) => call({ n })));
  await drain();
  assert.deepEqual(batches, [[1]]);
  assert.deepEqual(
    (await results).map((s) => s.status),
    ['rejected', 'rejected', 'rejected', 'rejected'],
  );
});

test('a flood of one key is stepped over: other callers are not held behind it', async () => {
  const { call, batches, drain } = recorder({ maxBatch: 4, maxWaiting: 1000 });
  const flood = Array.from({ length: 600 }, (_, i) => call({ n: 1000 + i, keys: ['ip-flood'] }));
  const others = [1, 2, 3].map((n) => call({ n }));
  // The first flood call runs; the next batch holds the next flood call and the three others, found
  // past 598 flood calls that must wait (one at a time), not after them.
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(batches.slice(0, 1), [[1000]]);
  await drain();
  assert.deepEqual(batches[1], [1001, 1, 2, 3]);
  assert.deepEqual(await Promise.all(others), [10, 20, 30]);
  await Promise.all(flood);
});

test('a call that waited longer than allowed fails (503) instead of running after its client gave up', async () => {
  const { call, drain } = recorder({ maxWaitMs: 20 });
  const first = call({ n: 1 });
  const late = call({ n: 2 });
  late.catch(() => {}); // asserted below
  await new Promise((r) => setTimeout(r, 40));
  await drain();
  assert.equal(await first, 10);
  await assert.rejects(late, (err) => err instanceof BatchQueueFull && isDatabaseUnavailable(err));
});

test('a batch whose connection was lost may have taken effect: its calls fail, are not run again, and the others go on', async () => {
  const { call, batches, drain } = recorder({ fail: (ns) => (ns.includes(2) ? new Error('connection lost') : null) });
  const results = Promise.allSettled([1, 2, 3].map((n) => call({ n })));
  await drain();
  assert.deepEqual(batches, [[1], [2, 3]]);
  assert.deepEqual(
    (await results).map((s) => s.status),
    ['fulfilled', 'rejected', 'rejected'],
  );
});

test('a call fails after its wait even while no batch finishes', async () => {
  const { call } = recorder({ maxWaitMs: 30 });
  void call({ n: 1 }).catch(() => {}); // runs, and never finishes here
  const late = call({ n: 2 });
  // The sweep's timer does not keep a process alive: this test's own timer does.
  await Promise.all([assert.rejects(late, (err) => err instanceof BatchQueueFull), new Promise((r) => setTimeout(r, 200))]);
});
