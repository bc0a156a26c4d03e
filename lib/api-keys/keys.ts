import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { accounts, apiKeys } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { hashToken } from '@/lib/security/tokens';
import { requiredText } from '@/lib/text/schema';

// Organisers' API keys: `usk_` and 256 random bits, shown once; only their HMAC-SHA256 (keyed with
// SECRET) is kept, looked up by hash. A key acts as the account that made it, on that account's
// petitions only (the same permission check as every organiser page), until it is revoked.

const PREFIX = 'usk_';
export const API_KEYS_PER_ACCOUNT = 20;

export const apiKeyInput = z.object({ name: requiredText({ max: 80, required: 'apiKeyName', tooLong: 'apiKeyName' }) });

const looksLikeKey = (v: string) => /^usk_[A-Za-z0-9_-]{43}$/.test(v);

/** Creates an API key for the organiser; the key itself is returned once and never stored. */
export async function createApiKey(
  actor: Organiser | null,
  raw: unknown,
): Promise<
  { status: 'created'; id: string; key: string } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'too_many' } | { status: 'not_found' }
> {
  if (!actor) return { status: 'not_found' };
  const parsed = apiKeyInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const live = await getDb().$count(apiKeys, and(eq(apiKeys.accountId, actor.id), isNull(apiKeys.revokedAt)));
  if (live >= API_KEYS_PER_ACCOUNT) return { status: 'too_many' };
  const key = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await getDb()
    .insert(apiKeys)
    .values({ accountId: actor.id, name: parsed.data.name, prefix: key.slice(0, 10), keyHash: hashToken(key, getEnv().secret) })
    .returning({ id: apiKeys.id });
  return { status: 'created', id: row!.id, key };
}

/** The organiser's keys (never the keys themselves): name, first characters, created, last used, revoked. */
export async function listApiKeys(actor: Organiser | null) {
  if (!actor) return [];
  const k = apiKeys;
  return getDb()
    .select({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt })
    .from(k)
    .where(eq(k.accountId, actor.id))
    .orderBy(desc(k.createdAt));
}

/** Revokes one of the organiser's keys; it stops working at the next request. */
export async function revokeApiKey(actor: Organiser | null, id: string): Promise<'done' | 'not_found'> {
  if (!actor || !/^[0-9a-f-]{36}$/i.test(id)) return 'not_found';
  const rows = await getDb()
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.accountId, actor.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length ? 'done' : 'not_found';
}

/**
 * The organiser a live key acts for (from `Authorization: Bearer usk_…`), or null. Records the key's
 * last use at most once a minute (the update's condition), not per request.
 */
export async function organiserForApiKey(authorization: string | null): Promise<(Organiser & { keyId: string }) | null> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!key || !looksLikeKey(key)) return null;
  const k = apiKeys;
  const [row] = await getDb()
    .select({ keyId: k.id, id: accounts.id, email: accounts.email, lastUsedAt: k.lastUsedAt })
    .from(k)
    .innerJoin(accounts, eq(accounts.id, k.accountId))
    .where(and(eq(k.keyHash, hashToken(key, getEnv().secret)), isNull(k.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await getDb()
      .update(k)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(k.id, row.keyId), sql`(${k.lastUsedAt} is null or ${k.lastUsedAt} < now() - interval '1 minute')`));
  // An API key never carries platform-admin powers.
  return { id: row.id, email: row.email, isAdmin: false, keyId: row.keyId };
}
