import 'server-only';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { getDb } from '@/db/client';
import { getEnv, type AppKey } from '@/lib/env';
import { petitionAt } from '@/lib/petitions/by-slug';
import { readOrCreatePetitionKey, type AppKeys } from './key-store';
import { unwrapDataKey } from './seal';

// Each petition's data key, unwrapped in this process only and kept in a bounded LRU cache, so the
// hot paths (signing, the email batch) open and seal signers' fields without another query: a
// petition's first signature in a process reads its key (creating it with its very first signature),
// every later one finds it here. The application keys come from the environment (lib/env.ts).

const CACHED_PETITIONS = 5000;
const keys = new LRUCache<string, Buffer>({ max: CACHED_PETITIONS });
/** A public address → its petition's id, for signing (an address renamed away keeps pointing at it). */
const slugs = new LRUCache<string, string>({ max: CACHED_PETITIONS });

/** The application keys of this process's environment: DATA_ENCRYPTION_KEY and, during a rotation, DATA_ENCRYPTION_KEY_PREVIOUS. */
export function appKeys(): AppKeys {
  const env = getEnv();
  return { current: env.dataKey, previous: env.previousDataKey };
}

/** The application key with this id: the current one, or the one being rotated away from. Throws for an unknown id. */
function appKeyById(id: string): AppKey {
  const { current, previous } = appKeys();
  if (current.id === id) return current;
  if (previous?.id === id) return previous;
  throw new Error(`A petition data key is wrapped by application key "${id}", which is neither DATA_ENCRYPTION_KEY nor DATA_ENCRYPTION_KEY_PREVIOUS`);
}

/** A stored (wrapped) petition key, unwrapped with the application key it names, and cached. */
export function unwrapPetitionKey(petitionId: string, keyId: string, wrapped: Buffer): Buffer {
  const cached = keys.get(petitionId);
  if (cached) return cached;
  const key = unwrapDataKey(appKeyById(keyId).key, keyId, petitionId, wrapped);
  keys.set(petitionId, key);
  return key;
}

/** Forgets every cached key (after a rotation in this process, and in tests that remove an application key). */
export function forgetPetitionKeys(): void {
  keys.clear();
  slugs.clear();
}

/**
 * The petition's data key: from the cache, else read from `petition_keys`, else created (a fresh
 * random key, wrapped by the current application key; concurrent creators agree on the first one stored).
 */
export async function petitionKey(petitionId: string): Promise<Buffer> {
  const cached = keys.get(petitionId);
  if (cached) return cached;
  const key = await readOrCreatePetitionKey(getDb().$client, petitionId, appKeys());
  keys.set(petitionId, key);
  return key;
}

/**
 * The petition at a public address and its data key, for sealing a signature before the signing
 * statement runs: cached per address, so a surge on one petition costs no query here. Null when no
 * petition has the address. The signing statement checks that the address still names this petition.
 */
export async function signingKeyAt(slug: string): Promise<{ petitionId: string; key: Buffer } | null> {
  let petitionId = slugs.get(slug);
  if (!petitionId) {
    const p = petitionAt(slug);
    const [row] = await getDb()
      .select({ id: sql<string>`${p.id}` })
      .from(p);
    if (!row) return null;
    petitionId = row.id;
    slugs.set(slug, petitionId);
  }
  return { petitionId, key: await petitionKey(petitionId) };
}

/** Forgets what an address named (the signing statement found another petition there). */
export function forgetAddress(slug: string): void {
  slugs.delete(slug);
}
