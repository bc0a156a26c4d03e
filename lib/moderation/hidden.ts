import 'server-only';
import { isNotNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import { reportDatabaseError } from '@/db/health';

const REFRESH_MS = 15_000;
let hidden: Set<string> = new Set();
let loadedAt = 0;
let loading: Promise<void> | null = null;

async function refresh(): Promise<void> {
  const rows = await getDb().select({ slug: petitions.slug }).from(petitions).where(isNotNull(petitions.hiddenAt));
  hidden = new Set(rows.map((r) => r.slug));
  loadedAt = Date.now();
}

/**
 * Whether a slug names a petition hidden by moderation. Read from a per-instance copy of the
 * (short) hidden list refreshed every 15 s, so petition views cost no extra query; the page itself
 * never shows hidden petitions, so the lag only delays the 410 status.
 */
export async function isHiddenSlug(slug: string): Promise<boolean> {
  if (Date.now() - loadedAt > REFRESH_MS) {
    loading ??= refresh().finally(() => (loading = null));
    try {
      await loading;
    } catch (err) {
      // Not an answer of its own: the page's query decides, and an outage is noted for the proxy.
      reportDatabaseError(err);
    }
  }
  return hidden.has(slug);
}
