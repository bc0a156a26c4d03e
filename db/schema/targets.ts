import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { petitions } from './petitions';
import { bytea } from './types';

/** Languages a target can be written to in: the ones the platform's emails are complete in. */
export const targetLanguages = ['en', 'ar', 'fa'] as const;

/** The decision makers a petition is addressed to, in the organisers' order. */
export const petitionTargets = pgTable(
  'petition_targets',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    name: text().notNull(),
    /** Role or body, e.g. "Minister of Justice" or "ILO Office for Iran". */
    role: text().notNull().default(''),
    /** Where deliveries go; never shown publicly. */
    email: text(),
    language: text({ enum: targetLanguages }).notNull().default('en'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('petition_targets_petition_idx').on(t.petitionId, t.position), check('petition_targets_language', sql`${t.language} in ('en', 'ar', 'fa')`)],
);

export const deliveryKind = pgEnum('delivery_kind', ['manual', 'test', 'milestone', 'goal', 'closing']);

/** One hand-over of the petition: when, why, with what count and fingerprint. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    kind: deliveryKind().notNull(),
    /** For automatic deliveries: the milestone reached (the goal's count for 'goal', 0 for 'closing'); one delivery per trigger. */
    trigger: integer(),
    message: text().notNull().default(''),
    /** Confirmed signatures and countries at the moment of delivery; the document lists exactly these. */
    signatureCount: integer().notNull(),
    countryCount: integer().notNull(),
    /** The last signature id and confirmation time included: the document reads the list as it stood. */
    lastSignatureId: bigint({ mode: 'number' }).notNull().default(0),
    fingerprint: text(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deliveries_petition_idx').on(t.petitionId, t.createdAt),
    // The per-organiser daily cap on deliveries counts by these.
    index('deliveries_created_by_idx').on(t.createdBy, t.createdAt),
    // An automatic delivery happens once per petition and trigger, however many workers check.
    uniqueIndex('deliveries_automatic_once_uq')
      .on(t.petitionId, t.kind, t.trigger)
      .where(sql`${t.kind} in ('milestone', 'goal', 'closing')`),
  ],
);

/** One row per target per delivery (or the organiser, for a test), stamped when the email is sent. */
export const deliveryRecipients = pgTable(
  'delivery_recipients',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    targetId: uuid().references(() => petitionTargets.id, { onDelete: 'set null' }),
    /** Kept as delivered, so the record stands if the target is later edited or removed. */
    name: text().notNull(),
    email: text().notNull(),
    language: text().notNull(),
    /** Keyed hash of the single-use response link mailed to this recipient. */
    responseTokenHash: bytea().unique(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    respondedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('delivery_recipients_once_uq').on(t.deliveryId, t.targetId), index('delivery_recipients_target_idx').on(t.targetId)],
);

/**
 * The signatures a delivery handed over, as they stood then (confirmation time, country): the document
 * lists these and the fingerprint is computed over them, so later withdrawals or confirmations change
 * neither. No personal data here: names are read at display time under the consent rules.
 */
export const deliverySignatures = pgTable(
  'delivery_signatures',
  {
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    signatureId: bigint({ mode: 'number' }).notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull(),
    country: char({ length: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.signatureId] })],
);

/** An organiser's standing instruction to deliver automatically: at a count, at the goal, when the petition closes. */
export const deliveryPlans = pgTable('delivery_plans', {
  petitionId: uuid()
    .primaryKey()
    .references(() => petitions.id, { onDelete: 'cascade' }),
  atCount: integer(),
  atGoal: boolean().notNull().default(false),
  onClose: boolean().notNull().default(false),
  message: text().notNull().default(''),
  createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
