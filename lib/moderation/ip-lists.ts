import 'server-only';
import { getDb } from '@/db/client';
import { allowedEmailDomains, allowedIpRanges, blockedIpRanges } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { ipHashes, ipRangeSet, normalizeIp } from '@/lib/security/ip';

/** How long an admin's change to the blocked or allowed IP ranges may take to reach every instance. */
export const IP_LISTS_REFRESH_MS = 15_000;

type Lists = { blocked: (ip: string | null) => boolean; allowed: (ip: string | null) => boolean; allowedDomains: ReadonlySet<string> };

const none: Lists = { blocked: () => false, allowed: () => false, allowedDomains: new Set() };
let lists: Lists = none;
let loadedAt = 0;
let loading: Promise<void> | null = null;
// Bumped when this instance saves the lists: a read begun before the save must not count as fresh.
let generation = 0;

async function refresh(): Promise<void> {
  const started = generation;
  const [blocked, allowed, allowedDomains] = await Promise.all([
    getDb().select({ r: blockedIpRanges.range }).from(blockedIpRanges),
    getDb().select({ r: allowedIpRanges.range }).from(allowedIpRanges),
    getDb().select({ d: allowedEmailDomains.domain }).from(allowedEmailDomains),
  ]);
  lists = {
    blocked: ipRangeSet(blocked.map((x) => x.r)),
    allowed: ipRangeSet(allowed.map((x) => x.r)),
    allowedDomains: new Set(allowedDomains.map((x) => x.d)),
  };
  if (started === generation) loadedAt = Date.now();
}

function startRefresh(): Promise<void> {
  const reading: Promise<void> = refresh().finally(() => {
    if (loading === reading) loading = null;
  });
  loading = reading;
  return reading;
}

// How long a request waits for a refresh once the lists have been read: enough for a working
// database, while a database outage does not add its connect timeout to every answer.
const REFRESH_WAIT_MS = 500;

async function currentLists(): Promise<Lists> {
  if (Date.now() - loadedAt > IP_LISTS_REFRESH_MS) {
    // Never read, or just saved here: this request waits for the lists as they now are.
    const mustWait = loadedAt === 0;
    const reading = loading ?? startRefresh();
    let timer: NodeJS.Timeout | undefined;
    try {
      await (mustWait ? reading : Promise.race([reading, new Promise<void>((r) => (timer = setTimeout(r, REFRESH_WAIT_MS)))]));
    } catch {
      // An outage keeps the lists last read; the statement that needs the database decides.
    } finally {
      clearTimeout(timer);
    }
  }
  return lists;
}

/** Makes this instance read the ranges again, and wait for them, on its next use (after an admin saved them here). */
export function forgetIpLists(): void {
  generation += 1;
  loadedAt = 0;
  loading = null;
}

export type CallerKeys = {
  /** Keyed hashes to store and count (null when the server established no address). */
  ipHash: Buffer | null;
  networkHash: Buffer | null;
  /** The network the email budget counts; null when exempt (an allowed shared range, or no address). */
  budgetHash: Buffer | null;
  /** In a blocked range: the signature is held and mailed nothing. */
  blocked: boolean;
  /** In an allowed (shared) range: exempt from the per-IP limits and the email budget. */
  allowed: boolean;
};

/**
 * What the abuse controls know of a caller's address: its keyed hashes and whether it is in a blocked
 * or allowed range. The ranges are matched here, from a per-instance copy refreshed every 15 s, so
 * the address itself is never sent to the database (where statement logs could keep it).
 */
export async function callerKeys(raw: string | null): Promise<CallerKeys> {
  const ip = normalizeIp(raw);
  if (!ip) return { ipHash: null, networkHash: null, budgetHash: null, blocked: false, allowed: false };
  const { blocked, allowed } = await currentLists();
  const hashes = ipHashes(ip, getEnv().secret);
  const isAllowed = allowed(ip);
  return { ipHash: hashes.ipHash, networkHash: hashes.networkHash, budgetHash: isAllowed ? null : hashes.budgetHash, blocked: blocked(ip), allowed: isAllowed };
}

/**
 * Whether a registrable email domain was on the allow list, exempt from the per-domain limit for
 * every address under it, when this instance last read the lists (refreshed with the IP ranges,
 * every 15 s). A hint only, for grouping signatures (lib/signatures/statements.ts): the database's
 * own list decides every limit, and the signing statement checks the hint against it.
 */
export function isAllowedRegistrableDomain(registrable: string): boolean {
  return lists.allowedDomains.has(registrable);
}

/** Reads the lists again in the background (no request waits for it), unless a read is already under way. */
export function refreshIpListsSoon(): void {
  if (!loading) void startRefresh().catch(() => {});
}
