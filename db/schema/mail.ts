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
