import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A text in each of the petition's languages (language code → text), the original's first. */
export type LocalizedText = Record<string, string>;

/**
 * A question of the sign form (lib/questions/): its id and its choices' ids never change once made, so
 * answers stored with signatures (by those ids) keep their meaning when the organisers edit it. A
 * retired choice stays, so old answers keep their label, but is no longer offered.
 */
export type SignQuestion = {
  id: string;
  kind: 'text' | 'one' | 'many' | 'yesno';
  required: boolean;
  label: LocalizedText;
  choices: { id: string; label: LocalizedText; retired?: boolean }[];
};

/** Who is responsible for the signers' data (the organisation), shown beside the updates box. */
export type DataController = { name: LocalizedText; url?: string };

export const petitionStatus = pgEnum('petition_status', ['draft', 'open', 'closed']);

export const petitions = pgTable(
  'petitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    title: text().notNull(),
    summary: text().notNull(),
    /** Markdown; rendered without raw HTML. */
    body: text().notNull().default(''),
    /** The decision maker the petition is addressed to. */
    target: text().notNull(),
    goal: integer().notNull(),
    language: text().notNull().default('en'),
    status: petitionStatus().notNull().default('draft'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** Optional closing date: the petition closes itself then. */
    closesAt: timestamp({ withTimezone: true }),
    victoryAt: timestamp({ withTimezone: true }),
    victoryMessage: text(),
    /** Hidden by a platform admin after a report: the public page answers 410. */
    hiddenAt: timestamp({ withTimezone: true }),
    /**
     * At-risk mode, switched on by an organiser (null: off). Once set it is never cleared: confirmed
     * signers' personal data is removed, and keeping it off again could not bring it back.
     */
    atRiskAt: timestamp({ withTimezone: true }),
    /** The sign form's own questions (at most 5 offered; see SignQuestion). */
    questions: jsonb().$type<SignQuestion[]>().notNull().default([]),
    /** The organisation responsible for the signers' data; null: not named. */
    dataController: jsonb().$type<DataController>(),
    /** A partner organisation's opt-in question ("May … contact you?"); null: none offered. */
    partnerOptIn: jsonb().$type<LocalizedText>(),
  },
  (t) => [
    check('petitions_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('petitions_goal_positive', sql`${t.goal} > 0`),
    index('petitions_open_idx')
      .on(t.publishedAt.desc())
      .where(sql`${t.status} = 'open'`),
  ],
);

export const demands = pgTable(
  'demands',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    text: text().notNull(),
    /** What became of the demand, set by the organisers; kept across edits while its text is unchanged. */
    outcome: text({ enum: ['open', 'partly_met', 'met', 'refused'] })
      .notNull()
      .default('open'),
    outcomeNote: text(),
    outcomeOn: date({ mode: 'string' }),
    outcomeSetAt: timestamp({ withTimezone: true }),
    /** When signers were told it was met (or refused): once per demand. */
    outcomeAnnouncedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('demands_petition_idx').on(t.petitionId, t.position)],
);

/**
 * The petition in another language, written by its organisers. The page shows the visitor's
 * language when a translation exists; signatures in every language count toward the one petition.
 */
export const petitionTranslations = pgTable(
  'petition_translations',
  {
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    language: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    body: text().notNull().default(''),
    target: text().notNull(),
    /** In the same order as the original's demands. */
    demands: text().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.language] })],
);

/**
 * Confirmed-signature counts split over a few rows per petition, so that
 * concurrent confirmations do not queue on one hot row. The count is the sum.
 */
export const petitionCounters = pgTable(
  'petition_counters',
  {
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    shard: smallint().notNull(),
    confirmed: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.shard] })],
);
