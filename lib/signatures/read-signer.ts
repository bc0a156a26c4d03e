import 'server-only';
import { petitionKey } from '@/lib/privacy/petition-keys';
import { openSignerField } from '@/lib/privacy/signer-fields';

// Signers' names, emails, postcodes and comments are stored sealed (lib/privacy): every reader
// selects the sealed columns with the two that bind them (the petition and the signature's key) and
// opens them here, in the application, under the petition's data key (cached after its first use).
// Which fields a reader may select at all is still the consent rule's (./consent.ts): a withheld
// field is selected as null and stays null.

/** The sealed columns of a signatures row as a reader selects them (any of the four may be left out or null). */
export type SealedSignerRow = {
  petitionId: string;
  /** `canonical_email`: the signature's key, which the sealed values are bound to. */
  signatureKey: string;
  sealedName?: Buffer | null;
  sealedEmail?: Buffer | null;
  sealedPostcode?: Buffer | null;
  sealedComment?: Buffer | null;
};

/** A row with its sealed fields opened: `name`, `email`, `postcode`, `comment`, null where none is kept or shown. */
export type OpenedSignerRow<T extends SealedSignerRow> = Omit<T, 'sealedName' | 'sealedEmail' | 'sealedPostcode' | 'sealedComment' | 'signatureKey'> & {
  name: string | null;
  email: string | null;
  postcode: string | null;
  comment: string | null;
};

const hasSealed = (r: SealedSignerRow) => Boolean(r.sealedName ?? r.sealedEmail ?? r.sealedPostcode ?? r.sealedComment);

/**
 * Opens the sealed fields of signature rows (of one petition or several), reading each petition's
 * key at most once (none for a petition already cached, none for rows with nothing sealed). Throws
 * if a value does not belong to its row (moved from another signature, column or petition).
 */
export async function openSigners<T extends SealedSignerRow>(rows: T[]): Promise<OpenedSignerRow<T>[]> {
  const keys = new Map<string, Buffer>();
  for (const r of rows) {
    if (hasSealed(r) && !keys.has(r.petitionId)) keys.set(r.petitionId, await petitionKey(r.petitionId));
  }
  return rows.map((row) => {
    const { sealedName, sealedEmail, sealedPostcode, sealedComment, signatureKey, ...rest } = row;
    const key = keys.get(row.petitionId);
    const b = { petitionId: row.petitionId, signatureKey };
    return {
      ...rest,
      name: key ? openSignerField(key, b, 'name', sealedName) : null,
      email: key ? openSignerField(key, b, 'email', sealedEmail) : null,
      postcode: key ? openSignerField(key, b, 'postcode', sealedPostcode) : null,
      comment: key ? openSignerField(key, b, 'comment', sealedComment) : null,
    };
  });
}

/** {@link openSigners} for one row (or none). */
export async function openSigner<T extends SealedSignerRow>(row: T | undefined): Promise<OpenedSignerRow<T> | undefined> {
  return row ? (await openSigners([row]))[0] : undefined;
}
