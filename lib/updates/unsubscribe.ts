import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { getEnv } from '@/lib/env';

// Unsubscribe links go into every bulk email, so they are derived (an HMAC of the signature id)
// rather than stored: nothing to look up or leak, and they keep working for every past email.
function mac(id: number): string {
  return createHmac('sha256', getEnv().secret).update(`unsubscribe:${id}`).digest('base64url');
}

/** The unsubscribe link's token for a signature: its id and a keyed MAC of it, valid for ever. */
export function unsubscribeToken(signatureId: number): string {
  return `${signatureId}.${mac(signatureId)}`;
}

function verify(token: string): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(mac(id));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** Stops update emails for the signature a link was made for. Idempotent; needs no session. */
export async function unsubscribeFromUpdates(token: string): Promise<boolean> {
  const id = verify(token);
  if (id === null) return false;
  await getDb()
    .update(signatures)
    .set({ unsubscribedAt: sql`coalesce(${signatures.unsubscribedAt}, now())` })
    .where(eq(signatures.id, id));
  return true;
}
