// Requests per API key: a sliding minute counted in this process (each app instance counts its own,
// so N instances allow N times as much; the database is spared a write per request). What it guards
// is the platform's capacity, not a secret: every answer is already scoped to the key's petitions.

export const API_REQUESTS_PER_MINUTE = 120;

const windows = new Map<string, number[]>();

/** Whether a request by `keyId` may go ahead now; records it if so. Seconds to wait otherwise. */
export function takeApiRequest(keyId: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
  const recent = (windows.get(keyId) ?? []).filter((t) => t > now - 60_000);
  if (recent.length >= API_REQUESTS_PER_MINUTE) {
    windows.set(keyId, recent);
    return { ok: false, retryAfter: Math.ceil((recent[0]! + 60_000 - now) / 1000) };
  }
  recent.push(now);
  windows.set(keyId, recent);
  // Keys not seen for a minute are forgotten, so the map stays as large as the keys in use.
  if (windows.size > 10_000) for (const [k, v] of windows) if (v.every((t) => t <= now - 60_000)) windows.delete(k);
  return { ok: true };
}
