import 'server-only';
import { isDatabaseUnavailable } from '@/db/health';
import type { ResendState } from './form-state';
import { queueAnotherSignatureEmail } from './resend';
import { signatureInput } from './schemas';

/**
 * "Send it again", as a person asks for it on any page: the address is checked as the sign form checks
 * it (a Unicode domain becomes its punycode; nothing the database cannot take), then another email is
 * queued within the signature's interval and cap and the caller's network's budget. The answer is the
 * same whether or not the address signed; an outage answers `unavailable` rather than throwing.
 */
export async function requestAnotherSignatureEmail(slug: string, rawEmail: unknown, ip: string | null): Promise<ResendState> {
  const email = signatureInput.shape.email.safeParse(rawEmail);
  if (!email.success) return { status: 'resent' };
  try {
    await queueAnotherSignatureEmail({ slug }, email.data, { ip });
  } catch (err) {
    if (isDatabaseUnavailable(err)) return { status: 'unavailable' };
    throw err;
  }
  return { status: 'resent' };
}
