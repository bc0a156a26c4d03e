import { open, seal } from './seal';

// A signer's personal fields, sealed one by one under their petition's data key. Each ciphertext's
// associated data names the petition, the signature (by its key: the keyed hash of the canonical
// email, unique per petition and known before the row exists) and the column, so swapping values
// between rows, columns or petitions makes them fail to open.

/** The personal fields kept encrypted. */
export const SEALED_FIELDS = ['name', 'email', 'postcode', 'comment'] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];

/** Which signature a sealed field belongs to: its petition and its unique key (`canonical_email`). */
export type SignerBinding = { petitionId: string; signatureKey: string };

const aadOf = (b: SignerBinding, field: SealedField) => `undersign:signature:${b.petitionId}:${b.signatureKey}:${field}`;

/** Seals one field of one signature (null stays null: an empty postcode or comment). */
export function sealSignerField(key: Buffer, b: SignerBinding, field: SealedField, value: string | null | undefined): Buffer | null {
  return value === null || value === undefined ? null : seal(key, value, aadOf(b, field));
}

/** Opens one sealed field of one signature; null for null. Throws when the value belongs to another row or column. */
export function openSignerField(key: Buffer, b: SignerBinding, field: SealedField, sealed: Buffer | null | undefined): string | null {
  return sealed === null || sealed === undefined ? null : open(key, sealed, aadOf(b, field)).toString('utf8');
}

/** A signer's fields in clear, as typed (postcode and comment optional). */
export type SignerFields = { name: string; email: string; postcode: string | null; comment: string | null };
/** The same fields sealed, as `signatures` stores them. */
export type SealedSigner = { sealedName: Buffer; sealedEmail: Buffer; sealedPostcode: Buffer | null; sealedComment: Buffer | null };

/** Seals a signer's four personal fields under their petition's data key. */
export function sealSigner(key: Buffer, b: SignerBinding, f: SignerFields): SealedSigner {
  return {
    sealedName: sealSignerField(key, b, 'name', f.name)!,
    sealedEmail: sealSignerField(key, b, 'email', f.email)!,
    sealedPostcode: sealSignerField(key, b, 'postcode', f.postcode),
    sealedComment: sealSignerField(key, b, 'comment', f.comment),
  };
}
