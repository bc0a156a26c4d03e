import { createHmac, randomBytes } from 'node:crypto';
import { database, E2E_SECRET } from './e2e';

/** A signer's emailed token, made the way the worker makes it (random, stored as its keyed hash). */
export async function issueTokenForE2e(signatureId: number, purpose: 'confirm' | 'manage'): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = createHmac('sha256', E2E_SECRET).update(token, 'utf8').digest();
  await database()`insert into signature_tokens (token_hash, signature_id, purpose, expires_at) values (${hash}, ${signatureId}, ${purpose}, now() + interval '1 day')`;
  return token;
}
