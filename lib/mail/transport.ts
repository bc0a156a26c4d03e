import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getDb } from '@/db/client';
import { devMails } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { singleLine, type RenderedMail } from './templates';

export type OutgoingMail = RenderedMail & {
  to: string;
  headers?: Record<string, string>;
  messageId?: string;
  replyTo?: string;
  /** Another sender than MAIL_FROM (an at-risk petition's neutral one), already a valid From header. */
  from?: string;
};

let transporter: Transporter | undefined;

function smtpTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  // A pool keeps connections open across jobs; short timeouts make an outage fail fast and retry later.
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '5');
  return nodemailer.createTransport(url.toString(), {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
}

/**
 * Sends one email over SMTP, or stores it in the development mailbox when no SMTP_URL is set.
 * Throws on failure so the queue retries it.
 */
export async function deliverMail(mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  const message = { ...mail, subject: singleLine(mail.subject), from: mail.from ?? env.mailFrom };
  if (!env.smtpUrl) {
    await getDb().insert(devMails).values({
      to: message.to,
      from: message.from,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    return;
  }
  transporter ??= smtpTransport(env.smtpUrl);
  await transporter.sendMail(message);
}

/** Closes pooled SMTP connections (worker shutdown). */
export function closeMailTransport(): void {
  transporter?.close();
  transporter = undefined;
}
