import { createHmac } from 'node:crypto';
import { foldName } from '@/lib/text/fold-name';

// Keyed hashes that let the database match signers without holding their data in clear: the
// organiser's search by a whole word of a name. Each purpose has its own key derived from SECRET
// (HMAC of the purpose's label), so a hash made for one purpose is useless for any other. The
// canonical email's hash (lib/signatures/email-hash.ts) is the signature's key on every petition.

/** Bytes kept of each word's hash: 96 bits, far beyond any petition's number of distinct words. */
const WORD_HASH_BYTES = 12;

const purposeKeys = new Map<string, Buffer>();

/** The key of one purpose, derived from `secret`: HMAC-SHA256(secret, "undersign:<purpose>"). */
export function purposeKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = purposeKeys.get(id);
  if (!key) {
    key = createHmac('sha256', secret).update(`undersign:${purpose}`, 'utf8').digest();
    purposeKeys.set(id, key);
  }
  return key;
}

/** The words of a name as search compares them: folded (lib/text/fold-name.ts), split at anything not a letter, mark or digit. */
export function nameWords(name: string): string[] {
  return [
    ...new Set(
      foldName(name)
        .split(/[^\p{L}\p{M}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

/** The keyed hashes (hex) of a name's whole words, what `signatures.name_words` holds and search looks up. */
export function nameWordHashes(name: string, secret: string): string[] {
  const key = purposeKey(secret, 'name-word');
  return nameWords(name).map((w) => createHmac('sha256', key).update(w, 'utf8').digest().subarray(0, WORD_HASH_BYTES).toString('hex'));
}
