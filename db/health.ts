import postgres from 'postgres';
import { databaseConfig } from './config';

// Connection refused, reset or timed out; postgres.js's own connection errors; the server shutting
// down (57P01), starting up (57P03) or out of connections (53300); more signatures waiting for the
// database than an instance queues (lib/batching, BATCH_QUEUE_FULL).
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P03',
  '53300',
  'BATCH_QUEUE_FULL',
]);

// Of those, the ones that mean no connection can be made now (not one connection lost).
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'CONNECT_TIMEOUT', '57P01', '57P03']);

/** True when the database cannot be reached at all (refused, timed out, shutting down or starting): not one dropped connection. */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return UNREACHABLE_CODES.has((e as { code?: string })?.code ?? '');
}

/** True for the errors a database outage throws, which deserve a 503 and a retry, not a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return OUTAGE_CODES.has((e as { code?: string })?.code ?? '');
}

type Health = { down: boolean; checking: Promise<boolean> | null; answeredAt: number };
// One state per process, on globalThis: server.ts and Next's bundle (pages, the proxy) load separate
// copies of this module, and the server answers for what the bundle found.
const KEY = Symbol.for('undersign.databaseHealth');
const health: Health = ((globalThis as Record<symbol, Health>)[KEY] ??= { down: false, checking: null, answeredAt: 0 });

const RECHECK_MS = 1_000;

async function reachable(): Promise<boolean> {
  // Its own short-lived connection: the pool may be busy, and a check must answer within seconds.
  const client = postgres(databaseConfig().databaseUrl, {
    max: 1,
    connect_timeout: 2,
    prepare: databaseConfig().serverPrepare,
    idle_timeout: 1,
    onnotice: () => {},
    connection: { application_name: 'undersign-health' },
  });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    void client.end({ timeout: 0 }).catch(() => {});
  }
}

/** Whether the last check found the database unreachable; it stays so until a check reaches it again. */
export function isDatabaseDown(): boolean {
  return health.down;
}

/**
 * Checks that the database answers (one check at a time per process, and none within a second of
 * one that reached it) and records the result; while it is down, checks again every second until
 * it is back. Resolves to true when it answers.
 */
export function checkDatabase(): Promise<boolean> {
  if (!health.down && Date.now() - health.answeredAt < RECHECK_MS) return Promise.resolve(true);
  health.checking ??= reachable().then((up) => {
    health.down = !up;
    if (up) health.answeredAt = Date.now();
    health.checking = null;
    if (!up) setTimeout(() => void checkDatabase(), RECHECK_MS).unref();
    return up;
  });
  return health.checking;
}

/** For code that caught a query's error: an outage-class error starts a check (pages then answer 503 until it is back). */
export function reportDatabaseError(err: unknown): void {
  if (isDatabaseUnavailable(err) && !health.down) void checkDatabase();
}
