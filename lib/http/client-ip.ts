import { normalizeIp } from '@/lib/security/ip';

/** Set by server.ts from the socket (or the trusted proxies' X-Forwarded-For entry), replacing any sent by the client. */
export const CLIENT_IP_HEADER = 'x-undersign-client-ip';

/** The caller's IP for abuse controls, or null when the server did not establish one (e.g. `next dev`). */
export function clientIpFrom(headers: Headers): string | null {
  return normalizeIp(headers.get(CLIENT_IP_HEADER));
}
