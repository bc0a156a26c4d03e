import 'server-only';
import { and, asc, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { openSigners } from '@/lib/signatures/read-signer';
import { foldName } from '@/lib/text/fold-name';

// Bulk rules by name pattern, matched in the application: names are sealed (lib/privacy), so the
// database cannot compare them. The candidates (the rest of the rule) are read a batch at a time by
// id, their names opened and folded, and only the matching ids are kept: memory holds one batch of
// names and the ids that match, at any size of petition.

const BATCH = 2000;

/** A folded pattern (`*` is anything, every other character itself) as a test of a folded name: the whole name must match, as LIKE does. */
export function namePatternMatcher(foldedPattern: string): (foldedName: string) => boolean {
  const source = foldedPattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  const re = new RegExp(`^${source}$`, 'u');
  return (name) => re.test(name);
}

/** The ids of the signatures `where` selects (a condition over `signatures`) whose opened, folded name `matches`. */
export async function idsWithNameMatching(where: SQL, matches: (foldedName: string) => boolean): Promise<number[]> {
  const s = signatures;
  const found: number[] = [];
  for (let after = 0; ;) {
    const rows = await getDb()
      .select({ id: s.id, petitionId: s.petitionId, signatureKey: s.canonicalEmail, sealedName: s.sealedName })
      .from(s)
      .where(and(sql`${where}`, isNotNull(s.sealedName), gt(s.id, after)))
      .orderBy(asc(s.id))
      .limit(BATCH);
    if (rows.length === 0) return found;
    for (const r of await openSigners(rows)) if (r.name !== null && matches(foldName(r.name))) found.push(r.id);
    after = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) return found;
  }
}
