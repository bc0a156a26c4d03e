import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getEnv } from '@/lib/env';

// Secrets the platform must use again, not only compare: a webhook's signing secret and an Action
// Network API key. They are sealed with AES-256-GCM under a key derived from SECRET by HKDF-SHA256
// (node:crypto), so a copy of the database alone reveals none of them. Rotating SECRET makes them
// unreadable: the organiser then rotates each webhook's secret and reconnects Action Network.

const VERSION = 1;

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', getEnv().secret, 'undersign', 'integration-secrets-v1', 32));
}

/** Seals a secret: version byte, 12-byte nonce, 16-byte tag, ciphertext. */
export function seal(plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Opens what `seal` made under the same SECRET; throws if it was altered or sealed under another. */
export function unseal(sealed: Buffer): string {
  if (sealed[0] !== VERSION) throw new Error('unknown sealed secret version');
  const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(1, 13));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}
