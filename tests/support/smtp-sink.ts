import { simpleParser, type ParsedMail } from 'mailparser';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export type SmtpSink = {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Resolves with the first message (past or future) matching `match`, or rejects after `timeoutMs`. */
  waitFor(match: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
};

/**
 * A real SMTP server that accepts every message, parses it with mailparser and keeps it
 * (and, with `dir`, writes each as an .eml file for other processes to read).
 */
export async function startSmtpSink(
  opts: { port?: number; dir?: string; delayMs?: number; refuseRecipient?: (address: string) => boolean } = {},
): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  let counter = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    // A slow relay, for tests that must catch a send half-way: slow before it takes the message.
    onMailFrom(_address, _session, callback) {
      if (opts.delayMs) setTimeout(() => callback(), opts.delayMs);
      else callback();
    },
    // A relay turning one address away (a full mailbox, a greylist), for tests of partial failures.
    onRcptTo(address, _session, callback) {
      if (opts.refuseRecipient?.(address.address)) callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      else callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        try {
          if (opts.dir) writeFileSync(path.join(opts.dir, `${Date.now()}-${process.pid}-${counter++}.eml`), raw);
          const parsed = await simpleParser(raw);
          sources.set(parsed, raw.toString('utf8'));
          messages.push(parsed);
          for (const w of waiters) w();
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server reports a client's broken connection (an app killed mid-send: ECONNRESET) as an
  // 'error' on the server; with no listener that is an uncaught exception that fails whichever test
  // is running. A client going away is what these tests do on purpose: the sink carries on.
  server.on('error', () => {});
  const port = (server.server.address() as { port: number }).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching email within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Each message as it came over the wire: mailparser (like the SMTP server's envelope) shows an
// internationalised domain in Unicode, so only the source says which form was sent.
const sources = new WeakMap<ParsedMail, string>();

/** The message exactly as the SMTP server received it. */
export function sourceOf(m: ParsedMail): string {
  return sources.get(m) ?? '';
}

/** The recipient address of a parsed message. */
export function recipientOf(m: ParsedMail): string {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return to?.value[0]?.address?.toLowerCase() ?? '';
}

/** The confirmation link in a message's plain-text part. */
export function confirmationLinkOf(m: ParsedMail): string {
  const link = m.text?.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`No confirmation link in email "${m.subject}"`);
  return link;
}
