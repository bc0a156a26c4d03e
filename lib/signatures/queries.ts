import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { publicName } from './public-name';
import { openSigners } from './read-signer';

export type PublicSigner = { name: string | null; country: string; confirmedAt: Date; comment: string | null };

/** Most recent confirmed signers: a name only where the signer agreed to show it, never an email; comments unless hidden by an organiser. */
export async function listRecentSigners(petitionId: string, limit = 8): Promise<PublicSigner[]> {
  const s = signatures;
  const sealed = await getDb()
    .select({
      petitionId: s.petitionId,
      signatureKey: s.canonicalEmail,
      // Only what may be shown is read and opened: the name where agreed, the comment unless hidden.
      sealedName: sql<Buffer | null>`case when ${s.showName} then ${s.sealedName} end`,
      showName: s.showName,
      country: s.country,
      confirmedAt: s.confirmedAt,
      sealedComment: sql<Buffer | null>`case when ${s.commentHiddenAt} is null then ${s.sealedComment} end`,
      commentHiddenAt: s.commentHiddenAt,
    })
    .from(s)
    .where(and(eq(s.petitionId, petitionId), eq(s.status, 'confirmed')))
    // Newest first.
    .orderBy(sql`${s.confirmedAt} desc nulls last`)
    .limit(limit);
  const rows = await openSigners(sealed);
  return rows.map((r) => ({
    name: r.showName && r.name !== null ? publicName(r.name) : null,
    country: r.country,
    // A confirmed signature has its confirmation time.
    confirmedAt: r.confirmedAt!,
    comment: r.commentHiddenAt === null ? r.comment : null,
  }));
}
