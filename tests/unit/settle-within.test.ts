import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeferredEntry, settleWithin } from '@/lib/jobs/settle-within';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a batch runs its entries at most `width` at a time, one outcome per entry, in order', async () => {
  let running = 0;
  let peak = 0;
  const outcomes = await Promise.allSettled(
    settleWithin([1, 2, 3, 4, 5, 6, 7], { width: 2, budgetMs: 10_000 }, async (n) => {
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
      if (n === 4) throw new Error('refused');
      return n * 10;
    }),
  );
  assert.equal(peak, 2);
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
    [10, 20, 30, 'refused', 50, 60, 70],
  );
});

test('entries not started when the time runs out are deferred, not run', async () => {
  const ran: number[] = [];
  const outcomes = await Promise.allSettled(
    settleWithin([1, 2, 3, 4, 5, 6], { width: 1, budgetMs: 30 }, async (n) => {
      ran.push(n);
      await sleep(20);
      return n;
    }),
  );
  assert.ok(ran.length >= 1 && ran.length < 6, `ran ${ran.join(',')}`);
  outcomes.forEach((o, i) => {
    if (i < ran.length) assert.equal(o.status, 'fulfilled');
    else assert.ok(o.status === 'rejected' && o.reason instanceof DeferredEntry, `entry ${i + 1} deferred`);
  });
});
