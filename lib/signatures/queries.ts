import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { publicName } from './public-name';

export type PublicSigner = { name: string | null; country: string; confirmedAt: Date; comment: string | null };

/** Most recent confirmed signers: a name only where the signer agreed to show it, never an email; comments unless hidden by an organiser. */
export async function listRecentSigners(petitionId: string, limit = 8): Promise<PublicSigner[]> {
  const s = signatures;
  const rows = await getDb()
    .select({ name: s.name, showName: s.showName, country: s.country, confirmedAt: s.confirmedAt, comment: s.comment, commentHiddenAt: s.commentHiddenAt })
    .from(s)
    .where(and(eq(s.petitionId, petitionId), eq(s.status, 'confirmed')))
    // Newest first.
    .orderBy(sql`${s.confirmedAt} desc nulls last`)
    .limit(limit);
  return rows.map((r) => ({
    name: r.showName ? publicName(r.name) : null,
    country: r.country,
    // A confirmed signature has its confirmation time.
    confirmedAt: r.confirmedAt!,
    comment: r.commentHiddenAt === null ? r.comment : null,
  }));
}
