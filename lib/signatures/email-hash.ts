import { hashToken } from '@/lib/security/tokens';

// At-risk petitions keep no email address once a signature is confirmed, yet must still refuse the
// same address twice: they key signatures by a keyed hash of the canonical email instead of the
// address. Keyed with SECRET (as tokens and IP hashes are), so a copy of the database alone cannot
// test whether a given address signed.

/** The prefix of an at-risk signature's canonical-email key: never the start of an address or an anonymised label. */
export const AT_RISK_KEY_PREFIX = 'h:';

/** HMAC-SHA256 of a canonical email, keyed with `secret` and separated from every other use of the key. */
export function emailHashOf(canonicalEmail: string, secret: string): Buffer {
  return hashToken(`email:${canonicalEmail}`, secret);
}

/** What an at-risk petition stores as the signature's canonical email: the hash, never the address. */
export function atRiskEmailKey(hash: Buffer): string {
  return AT_RISK_KEY_PREFIX + hash.toString('hex');
}
