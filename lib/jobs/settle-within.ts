/** The reason given for a batch entry not started before its job's time ran out; the queue retries it. */
export class DeferredEntry extends Error {
  constructor() {
    super('deferred: the job ran out of time before this entry started; it will be retried');
    this.name = 'DeferredEntry';
  }
}

/**
 * Runs `fn` over a batch job's entries, at most `width` at a time, and returns one promise per entry
 * (in order), as graphile-worker's batch jobs expect. Entries not started within `budgetMs` reject
 * with `DeferredEntry`, so a job against a slow SMTP server ends in bounded time (its other entries
 * wait for a retry, not for the slow ones; a stopping worker is not held long) and the rest are
 * retried, not resent.
 */
export function settleWithin<T, R>(entries: T[], opts: { width: number; budgetMs: number }, fn: (entry: T) => Promise<R>): Promise<R>[] {
  const deadline = Date.now() + opts.budgetMs;
  const starts = entries.map(() => {
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    return { started, start };
  });
  let next = 0;
  const startNext = () => {
    if (next < entries.length) starts[next++]!.start();
  };
  const results = entries.map(async (entry, i) => {
    await starts[i]!.started;
    try {
      if (Date.now() > deadline) throw new DeferredEntry();
      return await fn(entry);
    } finally {
      startNext();
    }
  });
  for (let i = 0; i < Math.min(opts.width, entries.length); i++) startNext();
  return results;
}
