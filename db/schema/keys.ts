import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { petitions } from './petitions';
import { bytea } from './types';

/**
 * Each petition's data key (AES-256), under which its signers' personal fields are sealed, stored
 * only wrapped (AES-256-GCM) by the application key `key_id` names (DATA_ENCRYPTION_KEY, from the
 * environment, never in the database): a copy of the database alone opens nothing. Created with the
 * petition's first signature; `npm run keys:rotate` rewraps every row under a new application key.
 */
export const petitionKeys = pgTable('petition_keys', {
  petitionId: uuid()
    .primaryKey()
    .references(() => petitions.id, { onDelete: 'cascade' }),
  /** The id of the application key that wrapped it (the part of DATA_ENCRYPTION_KEY before the colon). */
  keyId: text().notNull(),
  wrappedKey: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  rewrappedAt: timestamp({ withTimezone: true }),
});
