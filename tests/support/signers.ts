import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { canonicalizeEmail } from '@/lib/signatures/canonical-email';
import { atRiskEmailKey, emailHashOf } from '@/lib/signatures/email-hash';
import { openSigners } from '@/lib/signatures/read-signer';

// Signers' fields are sealed in the database: tests find a signature by the key its address gives
// (`canonical_email`), and read its fields opened, as the application does.

/** The `canonical_email` a signature by this address has: `h:` and the keyed hash of its canonical form. */
export function keyOf(email: string): string {
  return atRiskEmailKey(emailHashOf(canonicalizeEmail(email), getEnv().secret));
}

/** Every signature of the petition, in id order, with its name, email, postcode and comment opened. */
export async function openedSignatures(petitionId: string) {
  const s = signatures;
  const rows = await getDb()
    .select({
      id: s.id,
      petitionId: s.petitionId,
      signatureKey: s.canonicalEmail,
      sealedName: s.sealedName,
      sealedEmail: s.sealedEmail,
      sealedPostcode: s.sealedPostcode,
      sealedComment: s.sealedComment,
      status: s.status,
      country: s.country,
      showName: s.showName,
      wantsUpdates: s.wantsUpdates,
      withdrawnAt: s.withdrawnAt,
      unsubscribedAt: s.unsubscribedAt,
      suspectReason: s.suspectReason,
    })
    .from(s)
    .where(eq(s.petitionId, petitionId))
    .orderBy(s.id);
  return openSigners(rows);
}
