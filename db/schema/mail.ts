import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Development mailbox: where mail goes when no SMTP_URL is set. Never used in production. */
export const devMails = pgTable('dev_mails', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  to: text().notNull(),
  from: text().notNull(),
  subject: text().notNull(),
  text: text().notNull(),
  html: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signatures whose confirmation email is still to be queued. The signing statement adds a row here
 * (a narrow insert) instead of calling the job queue, which costs more than the signature itself;
 * the worker moves them into the queue in batches (`relaySignatureEmails`). No foreign key: the
 * check would lock the new signature row on every insert, and the email job skips a missing one.
 */
export const signatureEmailOutbox = pgTable('signature_email_outbox', {
  signatureId: bigint({ mode: 'number' }).primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
