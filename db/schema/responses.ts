import { sql } from 'drizzle-orm';
import { bigint, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { petitions } from './petitions';
import { petitionTargets, deliveryRecipients } from './targets';
import { petitionUpdates } from './updates';

export const responseSource = pgEnum('response_source', ['organiser', 'target']);

/**
 * A target's answer: recorded by an organiser (approved at once), or sent by the target through the
 * single-use link in its delivery email (shown only once an organiser approves it).
 */
export const targetResponses = pgTable(
  'target_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    targetId: uuid().references(() => petitionTargets.id, { onDelete: 'set null' }),
    /** The target's name as it answered, so the record stands if the target is later edited. */
    targetName: text().notNull(),
    /** The delivery email whose link it came through (one response per link). */
    recipientId: bigint({ mode: 'number' }).references(() => deliveryRecipients.id, { onDelete: 'set null' }),
    source: responseSource().notNull(),
    body: text().notNull(),
    /** When the target answered (a calendar day, as the organiser records it). */
    respondedOn: date({ mode: 'string' }).notNull(),
    sourceUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    approvedAt: timestamp({ withTimezone: true }),
    rejectedAt: timestamp({ withTimezone: true }),
    /** The update that told signers about it: set once, so it goes once. */
    announcedUpdateId: uuid().references(() => petitionUpdates.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('target_responses_petition_idx').on(t.petitionId, t.createdAt),
    uniqueIndex('target_responses_recipient_uq')
      .on(t.recipientId)
      .where(sql`${t.recipientId} is not null`),
  ],
);

/** What a petition said before and after an edit made once people had signed it: title, targets, demands. */
export type RevisionChanges = {
  title?: { from: string; to: string };
  targets?: { from: string[]; to: string[] };
  demands?: { from: string[]; to: string[] };
};

/**
 * Edits to a petition's title, targets or demands made after its first signature, kept so no signer can
 * be made to have signed something else; the public page lists them.
 */
export const petitionRevisions = pgTable(
  'petition_revisions',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    changes: jsonb().$type<RevisionChanges>().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('petition_revisions_petition_idx').on(t.petitionId, t.createdAt)],
);
