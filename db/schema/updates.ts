import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { petitions } from './petitions';
import { signatures } from './signatures';

/** News an organiser sends to signers who opted in, also listed on the petition page. */
export const petitionUpdates = pgTable(
  'petition_updates',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    /** Markdown, rendered without raw HTML. */
    body: text().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Sent by the platform about a target's response or a demand's outcome: not counted toward the weekly cap. */
    outsideCap: boolean().notNull().default(false),
  },
  (t) => [index('petition_updates_petition_idx').on(t.petitionId, t.createdAt)],
);

/** One row per recipient of an update, stamped when sent: a resumed send skips nobody and repeats nobody. */
export const updateDeliveries = pgTable(
  'update_deliveries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    updateId: uuid()
      .notNull()
      .references(() => petitionUpdates.id, { onDelete: 'cascade' }),
    signatureId: bigint({ mode: 'number' })
      .notNull()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('update_deliveries_once_uq').on(t.updateId, t.signatureId)],
);
