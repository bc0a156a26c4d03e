/**
 * Thrown to a caller when more calls wait for a batch than `maxWaiting`, or one waited longer than
 * `maxWaitMs`: the server is overloaded, and the caller answers as for a database outage (503 +
 * Retry-After, db/health.ts) instead of the queue growing without bound or answering after the
 * client has given up.
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
  /** When the call came (ms, Date.now()). */
  since: number;
  /** Runs in a batch of its own (its batch failed: it gets its own result or its own error). */
  alone: boolean;
  resolve: (r: Result) => void;
  reject: (e: unknown) => void;
};

export type BatchOptions<Item, Result> = {
  /**
   * Runs one batch (items of one group, no two sharing a key): one result per item, in the items'
   * order. All or nothing (one statement, one transaction): when it throws, nothing of it happened,
   * so its calls may run again.
   */
  run: (items: Item[]) => Promise<Result[]>;
  /** Items of different groups never share a batch (e.g. one petition per statement). */
  groupOf: (item: Item) => string;
  /**
   * Items sharing a key never share a batch, nor run while a batch holding the key runs: each waits
   * for the one before it, as it would behind the statement before it (but never for another
   * process's). Asked again when a failed batch's calls go back to run alone.
   */
  keysOf: (item: Item) => string[];
  /**
   * What a batch's error means: `all`, every call would meet it now (the database unreachable): the
   * batch and every waiting call fail with it at once; `batch`, the batch's calls fail with it and
   * are not run again (it may have taken effect: a connection lost after the commit); `retry`,
   * nothing of the batch happened: its calls run again one at a time.
   */
  failureOf: (err: unknown) => 'all' | 'batch' | 'retry';
  /** Batches running at once; a call that finds fewer running starts one at once (no added wait when quiet). */
  maxInFlight: number;
  /** Items in one batch at most. */
  maxBatch: number;
  /** Calls waiting at most; beyond them a call fails with BatchQueueFull. */
  maxWaiting: number;
  /** How long a call may wait for its batch (ms); then it fails with BatchQueueFull. */
  maxWaitMs: number;
};

/**
 * Groups concurrent calls into batches, as a database's group commit does: a call runs at once when
 * fewer than `maxInFlight` batches are running, and otherwise waits for one to finish and goes with
 * the calls that came meanwhile (up to `maxBatch`, oldest first). Calls of different groups never
 * share a batch; calls sharing a key run one after another, never together nor overtaking each
 * other. A batch that fails runs again one call at a time, under the same rules, so each call gets
 * its own result or its own error (a call that failed alone gets one more try, then its error), unless
 * `failureOf` says otherwise. No call waits more than
 * `maxWaitMs`. Work per call is bounded: a new call scans the queue only when nothing waits (it would
 * otherwise wait behind calls that could not run), and a finished batch scans it once.
 * Returns `call(item)`, which resolves to the item's result.
 */
export function batchConcurrentCalls<Item, Result>(o: BatchOptions<Item, Result>): (item: Item) => Promise<Result> {
  let waiting: Waiting<Item, Result>[] = [];
  // Keys of the batches running now.
  const busy = new Set<string>();
  let inFlight = 0;

  // The next batch: the oldest call that may run, and after it the calls of its group whose keys are
  // free, until the batch is full. A call passed over keeps its keys from later calls (no
  // overtaking), and a flood of one key is stepped over, not waited behind. Calls that waited too
  // long fail here.
  function takeBatch(): Waiting<Item, Result>[] {
    const taken: Waiting<Item, Result>[] = [];
    const used = new Set<string>();
    const keep: Waiting<Item, Result>[] = [];
    const tooOld = Date.now() - o.maxWaitMs;
    let i = 0;
    for (; i < waiting.length && taken.length < o.maxBatch; i++) {
      const w = waiting[i]!;
      if (w.since < tooOld) {
        w.reject(new BatchQueueFull());
        continue;
      }
      const first = taken[0];
      const fits = first ? !first.alone && !w.alone && w.group === first.group : true;
      if (fits && w.keys.every((k) => !used.has(k) && !busy.has(k))) taken.push(w);
      else keep.push(w);
      for (const k of w.keys) used.add(k);
    }
    waiting = i === waiting.length ? keep : keep.concat(waiting.slice(i));
    return taken;
  }

  async function runBatch(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await o.run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      try {
        const failure = o.failureOf(err);
        if (failure === 'all') {
          const failed = batch.concat(waiting);
          waiting = [];
          for (const w of failed) w.reject(err);
        } else if (failure === 'batch' || (batch.length === 1 && batch[0]!.alone)) for (const w of batch) w.reject(err);
        // Nothing of the batch happened: each call goes back to the front of the queue, in its order, to
        // run on its own (a call that ran alone already gets its error).
        else waiting.unshift(...batch.map((w) => ({ ...w, keys: o.keysOf(w.item), alone: true })));
      } catch (unexpected) {
        for (const w of batch) w.reject(unexpected);
      }
    }
  }

  // Calls past their wait fail even while no batch finishes (a statement waiting on a lock elsewhere).
  let sweeper: NodeJS.Timeout | undefined;
  function sweepLate(): void {
    const tooOld = Date.now() - o.maxWaitMs;
    const late = waiting.filter((w) => w.since < tooOld);
    if (late.length > 0) {
      waiting = waiting.filter((w) => w.since >= tooOld);
      for (const w of late) w.reject(new BatchQueueFull());
    }
    if (waiting.length === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
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
      // Calls already waiting with a batch free to start could not run (their keys are busy): this
      // one goes with them when a batch finishes, instead of scanning them all again now.
      const backlog = waiting.length > 0;
      waiting.push({ item, group: o.groupOf(item), keys: o.keysOf(item), since: Date.now(), alone: false, resolve, reject });
      sweeper ??= setInterval(sweepLate, Math.min(1000, o.maxWaitMs)).unref();
      if (!backlog) pump();
    });
}
