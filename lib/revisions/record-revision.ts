import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { demands, petitionRevisions, petitionTargets, petitions, signatures, type RevisionChanges } from '@/db/schema';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** What signers signed, as compared between versions: the title, the targets (name and role), the demands in order. */
export type SignedText = { title: string; targets: string[]; demands: string[] };

const targetLine = (t: { name: string; role: string }) => (t.role ? `${t.name} (${t.role})` : t.name);

/** The petition's signed text as it stands, read inside the caller's transaction. */
export async function readSignedText(tx: Tx, petitionId: string): Promise<SignedText> {
  const [p] = await tx.select({ title: petitions.title }).from(petitions).where(eq(petitions.id, petitionId));
  const [ts, ds] = await Promise.all([
    tx
      .select({ name: petitionTargets.name, role: petitionTargets.role })
      .from(petitionTargets)
      .where(eq(petitionTargets.petitionId, petitionId))
      .orderBy(asc(petitionTargets.position)),
    tx.select({ text: demands.text }).from(demands).where(eq(demands.petitionId, petitionId)).orderBy(asc(demands.position)),
  ]);
  return { title: p?.title ?? '', targets: ts.map(targetLine), demands: ds.map((d) => d.text) };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The differences between two versions of the signed text; empty when nothing signers signed changed. */
export function changesBetween(before: SignedText, after: SignedText): RevisionChanges {
  const changes: RevisionChanges = {};
  if (before.title !== after.title) changes.title = { from: before.title, to: after.title };
  if (!same(before.targets, after.targets)) changes.targets = { from: before.targets, to: after.targets };
  if (!same(before.demands, after.demands)) changes.demands = { from: before.demands, to: after.demands };
  return changes;
}

/**
 * Keeps a revision when the petition already has signatures and its title, targets or demands
 * changed (in the caller's transaction, with the edit itself): before the first signature an edit is
 * drafting, after it the record of what people signed.
 */
export async function recordRevision(tx: Tx, petitionId: string, accountId: string, before: SignedText): Promise<boolean> {
  const changes = changesBetween(before, await readSignedText(tx, petitionId));
  if (Object.keys(changes).length === 0) return false;
  const signed = await tx.select({ id: signatures.id }).from(signatures).where(eq(signatures.petitionId, petitionId)).limit(1);
  if (signed.length === 0) return false;
  await tx.insert(petitionRevisions).values({ petitionId, changes, createdBy: accountId });
  return true;
}
