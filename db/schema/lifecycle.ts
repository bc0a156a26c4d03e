import { integer, pgTable, primaryKey, text, timestamp, uuid, bigint, index } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { petitions } from './petitions';
import { bytea } from './types';

/** Former slugs of published petitions, so shared links keep working after a rename. */
export const petitionSlugRedirects = pgTable('petition_slug_redirects', {
  oldSlug: text().primaryKey(),
  petitionId: uuid()
    .notNull()
    .references(() => petitions.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Cover images, re-encoded on upload; kept in PostgreSQL so every instance can serve them. */
export const petitionImages = pgTable('petition_images', {
  petitionId: uuid()
    .primaryKey()
    .references(() => petitions.id, { onDelete: 'cascade' }),
  data: bytea().notNull(),
  contentType: text().notNull(),
  width: integer().notNull(),
  height: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A milestone reached: the primary key makes its email go out once, whatever runs concurrently. */
export const petitionMilestones = pgTable(
  'petition_milestones',
  {
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    milestone: integer().notNull(),
    reachedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.milestone] })],
);

/** Reports from the public, for platform admins. */
export const petitionReports = pgTable(
  'petition_reports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    details: text(),
    email: text(),
    /** Keyed hash of the reporter's IP, for rate limiting only. */
    reporterHash: bytea(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
  },
  (t) => [index('petition_reports_open_idx').on(t.createdAt), index('petition_reports_reporter_idx').on(t.reporterHash, t.createdAt)],
);
