/**
 * Thrown to a caller when more calls wait for a batch than `maxWaiting`: the server is overloaded,
 * and the caller answers as for a database outage (503 + Retry-After, db/health.ts), instead of the
 * queue growing without bound.
 */
export class BatchQueueFull extends Error {
  readonly code = 'BATCH_QUEUE_FULL';
  constructor() {
    super('too many calls waiting for a batch');
  }
}

type Waiting<Item, Result> = {
  item: Item;
  group: string;
  keys: string[];
  /** Runs in a batch of its own (its batch failed: it gets its own result or its own error). */
  alone: boolean;
  resolve: (r: Result) => void;
  reject: (e: unknown) => void;
};

export type BatchOptions<Item, Result> = {
  /** Runs one batch (items of one group, no two sharing a key): one result per item, in the items' order. */
  run: (items: Item[]) => Promise<Result[]>;
  /** Items of different groups never share a batch (e.g. one petition per statement). */
  groupOf: (item: Item) => string;
  /**
   * Items sharing a key never share a batch, nor run while a batch holding the key runs: each waits
   * for the one before it, as it would behind the statement before it (but never for another process's).
   */
  keysOf: (item: Item) => string[];
  /** Batches running at once; a call that finds fewer running starts one at once (no added wait when quiet). */
  maxInFlight: number;
  /** Items in one batch at most. */
  maxBatch: number;
  /** Calls waiting at most; beyond them a call fails with BatchQueueFull. */
  maxWaiting: number;
};

/**
 * Groups concurrent calls into batches, as a database's group commit does: a call runs at once when
 * fewer than `maxInFlight` batches are running, and otherwise waits for one to finish and goes with
 * the calls that came meanwhile (up to `maxBatch`, oldest first). Calls of different groups never
 * share a batch; calls sharing a key run one after another, never together nor overtaking each
 * other. A batch that fails runs again one call at a time, under the same
 * rules, so each call gets its own result or its own error. Returns `call(item)`, which resolves to
 * the item's result.
 */
export function batchConcurrentCalls<Item, Result>(o: BatchOptions<Item, Result>): (item: Item) => Promise<Result> {
  const waiting: Waiting<Item, Result>[] = [];
  // Keys of the batches running now.
  const busy = new Set<string>();
  let inFlight = 0;

  // The next batch: the oldest call that may run, and after it the calls of its group whose keys
  // are free. A call passed over keeps its keys from later calls (no overtaking). Looks at most a
  // few batches' worth ahead, so a flood of one key stays bounded work per batch.
  function takeBatch(): Waiting<Item, Result>[] {
    const taken: Waiting<Item, Result>[] = [];
    const used = new Set<string>();
    const keep: Waiting<Item, Result>[] = [];
    const horizon = Math.min(waiting.length, o.maxBatch * 4);
    for (let i = 0; i < horizon; i++) {
      const w = waiting[i]!;
      const first = taken[0];
      const fits = first ? !first.alone && !w.alone && w.group === first.group && taken.length < o.maxBatch : true;
      if (fits && w.keys.every((k) => !used.has(k) && !busy.has(k))) taken.push(w);
      else keep.push(w);
      for (const k of w.keys) used.add(k);
    }
    waiting.splice(0, horizon, ...keep);
    return taken;
  }

  async function runBatch(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await o.run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      // Nothing of a failed batch happened (one statement, one transaction): each call goes back to
      // the front of the queue, in its order, to run on its own.
      if (batch.length === 1) batch[0]!.reject(err);
      else waiting.unshift(...batch.map((w) => ({ ...w, alone: true })));
    }
  }

  function pump(): void {
    while (inFlight < o.maxInFlight && waiting.length > 0) {
      const batch = takeBatch();
      if (batch.length === 0) return; // every waiting call waits for a running batch's key
      inFlight += 1;
      for (const w of batch) for (const k of w.keys) busy.add(k);
      void runBatch(batch).finally(() => {
        for (const w of batch) for (const k of w.keys) busy.delete(k);
        inFlight -= 1;
        pump();
      });
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      if (waiting.length >= o.maxWaiting) return reject(new BatchQueueFull());
      waiting.push({ item, group: o.groupOf(item), keys: o.keysOf(item), alone: false, resolve, reject });
      pump();
    });
}
