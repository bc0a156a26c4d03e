import 'server-only';
import { createHmac } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { hashToken } from '@/lib/security/tokens';

/**
 * The single-use response link's token for one recipient: derived (HMAC keyed with SECRET) so a
 * resumed or retried send mails the very same link, and stored only as its keyed hash
 * (`delivery_recipients.response_token_hash`), looked up by hash like every emailed token.
 */
export function responseTokenFor(recipientId: number): string {
  return createHmac('sha256', getEnv().secret).update(`delivery-response:${recipientId}`).digest('base64url');
}

/** The stored form of a response token. */
export function responseTokenHash(token: string): Buffer {
  return hashToken(token, getEnv().secret);
}
