import 'server-only';
import { forgetSigningForms } from '@/lib/questions/signing-form';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { organiserCanAct } from '@/lib/organisers/access';
import { atRiskEmailKey, emailHashOf } from '@/lib/signatures/email-hash';
import { keyByEmailHash, unkeyedSignatures } from '@/lib/signatures/statements';
import { isSlug } from './slug';

export type SwitchToAtRiskResult = { status: 'done'; cleared: number } | { status: 'not_found' } | { status: 'not_acknowledged' };

// Signatures re-keyed per statement: a petition's hundred thousand signers in a hundred short statements.
const BATCH = 1_000;

type Db = ReturnType<typeof getDb>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Re-keys every signature of the petition still keyed by its address; returns how many lost their personal data. */
async function keyAll(db: Db | Tx, petitionId: string): Promise<number> {
  const secret = getEnv().secret;
  let cleared = 0;
  for (let after = 0; ;) {
    const rows = await unkeyedSignatures(db, petitionId, after, BATCH);
    if (rows.length === 0) return cleared;
    cleared += await keyByEmailHash(
      db,
      rows.map((r) => {
        const hash = r.emailHash ?? emailHashOf(r.canonicalEmail, secret);
        return { id: r.id, hash, key: atRiskEmailKey(hash) };
      }),
    );
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Switches a petition its organiser may act on to at-risk mode, once `acknowledged` (the organiser
 * saw what is lost): from then on confirming a signature removes the signer's personal data, and the
 * signatures already confirmed lose theirs now (name, email, postcode, comment, IP hashes, links),
 * keeping status, country, confirmation time and source, so every count stays exact. Never switched
 * off: switching again changes nothing and keeps the first time.
 */
export async function switchToAtRisk(actor: Organiser, slug: string, acknowledged: boolean): Promise<SwitchToAtRiskResult> {
  if (!isSlug(slug)) return { status: 'not_found' };
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock a new signature's foreign key takes: signing
    // waits while the existing signatures are re-keyed, then sees the mode.
    const [p] = await tx
      .select({ id: petitions.id })
      .from(petitions)
      .where(and(eq(petitions.slug, slug), organiserCanAct(actor)))
      .for('update');
    if (!p) return null;
    if (!acknowledged) return { id: p.id, acknowledged: false, cleared: 0 };
    // Set once: a petition already in the mode keeps its first time.
    await tx
      .update(petitions)
      .set({ atRiskAt: sql`coalesce(${petitions.atRiskAt}, now())`, updatedAt: sql`now()` })
      .where(eq(petitions.id, p.id));
    return { id: p.id, acknowledged: true, cleared: await keyAll(tx, p.id) };
  });
  if (!result) return { status: 'not_found' };
  if (!result.acknowledged) return { status: 'not_acknowledged' };
  // Signing here stops offering the partner opt-in at once (the signing statement refuses it anyway).
  forgetSigningForms();
  // A signature whose statement began before the switch committed (it waited on the lock above) was
  // written keyed by its address: re-key it too.
  return { status: 'done', cleared: result.cleared + (await keyAll(db, result.id)) };
}
