import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { accounts, sessions } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';

const SESSION_DAYS = 30;

export type Organiser = { id: string; email: string; isAdmin: boolean };

function cookieName(): string {
  // __Host- pins the cookie to this origin over HTTPS; plain HTTP in development cannot use it.
  return getEnv().nodeEnv === 'production' && getEnv().appUrl.startsWith('https:') ? '__Host-undersign_session' : 'undersign_session';
}

/** Creates a server-side session for an account; returns the token its cookie carries. */
export async function createSession(accountId: string): Promise<string> {
  const token = createToken();
  await getDb()
    .insert(sessions)
    .values({ tokenHash: hashToken(token, getEnv().secret), accountId, expiresAt: sql`now() + ${`${SESSION_DAYS} days`}::interval` });
  return token;
}

/** Ends a session by its token; its cookie is then worthless. */
export async function deleteSession(token: string): Promise<void> {
  if (looksLikeToken(token))
    await getDb()
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token, getEnv().secret)));
}

/** Starts a session for an account and sets its cookie (httpOnly, SameSite=Lax, Secure in production). */
export async function startSession(accountId: string): Promise<void> {
  const token = await createSession(accountId);
  (await cookies()).set(cookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieName().startsWith('__Host-'),
    path: '/',
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

/** The signed-in organiser, looked up once per request however many components ask. */
export const getCurrentOrganiser = cache(async (): Promise<Organiser | null> => {
  const token = (await cookies()).get(cookieName())?.value;
  if (!token || !looksLikeToken(token)) return null;
  return findSessionAccount(token);
});

/** The account behind a session token, if the session is live. */
export async function findSessionAccount(token: string): Promise<Organiser | null> {
  const [row] = await getDb()
    .select({ id: accounts.id, email: accounts.email })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, hashToken(token, getEnv().secret)), gt(sessions.expiresAt, sql`now()`)));
  return row ? { id: row.id, email: row.email, isAdmin: getEnv().adminEmails.includes(row.email) } : null;
}

/** Ends the session server-side and clears the cookie. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(cookieName())?.value;
  if (token) await deleteSession(token);
  jar.delete(cookieName());
}
