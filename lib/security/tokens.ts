import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for a link: 256 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of a token: HMAC-SHA256 keyed with SECRET, so a copy of
 * the database alone can neither use nor forge links.
 */
export function hashToken(token: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(token, 'utf8').digest();
}

/** Constant-time comparison of two hashes. */
export function hashesMatch(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tokens are base64url of 32 bytes; anything else is rejected before touching the database. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
