import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions, signatures, updateDeliveries } from '@/db/schema';
import { openSigner } from './read-signer';
import { signatureOfToken, withdrawByToken } from './statements';
import { lookupHash } from './tokens';

// A signer's own page, reached from a link in every email. The token is the credential: 256 random
// bits, stored as a keyed hash (so the lookup compares hashes, never the secret), valid a year.

export type SignerView = {
  petition: { slug: string; title: string };
  status: 'pending' | 'confirmed' | 'held' | 'withdrawn' | 'invalidated';
  emailsStopped: boolean;
};

/** The signature of a signer's-page link, unless its personal data was removed (then the link shows nothing). */
const ownSignature = (hash: Buffer) => and(eq(signatures.id, signatureOfToken(hash, 'manage')), isNull(signatures.anonymisedAt));

/** What the signer's page shows; changes nothing (mail scanners fetch links). Null for a bad or expired link. */
export async function describeSignatureForSigner(token: string): Promise<SignerView | null> {
  const hash = lookupHash(token);
  if (!hash) return null;
  const [r] = await getDb()
    .select({ slug: petitions.slug, title: petitions.title, status: signatures.status, unsubscribedAt: signatures.unsubscribedAt })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .where(ownSignature(hash));
  return r ? { petition: { slug: r.slug, title: r.title }, status: r.status, emailsStopped: r.unsubscribedAt !== null } : null;
}

/**
 * Withdraws the signature: it stops counting at once (the count goes down if it was counted) and
 * no more email is sent about it. Idempotent: withdrawing twice changes nothing more.
 */
export async function withdrawSignature(token: string): Promise<'withdrawn' | 'invalid'> {
  const hash = lookupHash(token);
  if (!hash) return 'invalid';
  return (await withdrawByToken(hash)) ? 'withdrawn' : 'invalid';
}

/** Stops every email about this signature (updates included). Idempotent. */
export async function stopSignerEmails(token: string): Promise<boolean> {
  const hash = lookupHash(token);
  if (!hash) return false;
  const rows = await getDb()
    .update(signatures)
    .set({ unsubscribedAt: sql`coalesce(${signatures.unsubscribedAt}, now())` })
    .where(eq(signatures.id, signatureOfToken(hash, 'manage')))
    .returning({ id: signatures.id });
  return rows.length > 0;
}

/** Everything stored about this signature, for the signer to download (their right of access), its sealed fields opened. */
export async function exportSignerData(token: string) {
  const hash = lookupHash(token);
  if (!hash) return null;
  const s = signatures;
  const [row] = await getDb()
    .select({
      petition: petitions.title,
      petitionSlug: petitions.slug,
      petitionId: s.petitionId,
      signatureKey: s.canonicalEmail,
      sealedName: s.sealedName,
      sealedEmail: s.sealedEmail,
      country: s.country,
      sealedPostcode: s.sealedPostcode,
      sealedComment: s.sealedComment,
      showNamePublicly: s.showName,
      wantsUpdates: s.wantsUpdates,
      language: s.locale,
      source: s.source,
      referralCode: s.referralCode,
      status: s.status,
      emailsSent: s.emailsSent,
      signedAt: s.createdAt,
      confirmedAt: s.confirmedAt,
      withdrawnAt: s.withdrawnAt,
      emailsStoppedAt: s.unsubscribedAt,
      // The petition's own questions as answered (by question id), and each consent with the text read and when.
      answers: s.answers,
      consents: s.consents,
      // Whether a hash is kept, not the hash itself.
      keyedIpHashStored: sql<boolean>`${s.ipHash} is not null`,
      updatesReceived: getDb().$count(updateDeliveries, and(eq(updateDeliveries.signatureId, s.id), isNotNull(updateDeliveries.sentAt))),
    })
    .from(s)
    .innerJoin(petitions, eq(petitions.id, s.petitionId))
    .where(ownSignature(hash));
  const opened = await openSigner(row);
  if (!opened) return null;
  // Opened in the application (lib/signatures/read-signer.ts); the download shows the fields as typed.
  return {
    petition: opened.petition,
    petitionSlug: opened.petitionSlug,
    name: opened.name,
    email: opened.email,
    country: opened.country,
    postcode: opened.postcode,
    comment: opened.comment,
    showNamePublicly: opened.showNamePublicly,
    wantsUpdates: opened.wantsUpdates,
    language: opened.language,
    source: opened.source,
    referralCode: opened.referralCode,
    status: opened.status,
    emailsSent: opened.emailsSent,
    signedAt: opened.signedAt,
    confirmedAt: opened.confirmedAt,
    withdrawnAt: opened.withdrawnAt,
    emailsStoppedAt: opened.emailsStoppedAt,
    keyedIpHashStored: opened.keyedIpHashStored,
    updatesReceived: opened.updatesReceived,
    answers: opened.answers,
    consents: opened.consents,
  };
}
