import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { petitions } from './petitions';
import { bytea } from './types';

/** Organisers; created the first time someone follows a sign-in link. */
export const accounts = pgTable('accounts', {
  id: uuid().primaryKey().defaultRandom(),
  /** Lowercased and trimmed. */
  email: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSignedInAt: timestamp({ withTimezone: true }),
});

/** Emailed sign-in links: single-use, short-lived, stored as keyed hashes. */
export const loginTokens = pgTable(
  'login_tokens',
  {
    tokenHash: bytea().primaryKey(),
    email: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('login_tokens_email_idx').on(t.email, t.createdAt)],
);

/** Each sign-in link asked for, recorded when asked: the hourly cap counts these. */
export const loginLinkRequests = pgTable(
  'login_link_requests',
  {
    email: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_link_requests_email_idx').on(t.email, t.requestedAt)],
);

/** Server-side sessions; the cookie holds a random token, the table its hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: bytea().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const organiserRole = pgEnum('organiser_role', ['owner', 'organiser']);

/** Who may act on a petition: its owner and co-organisers. */
export const petitionOrganisers = pgTable(
  'petition_organisers',
  {
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: organiserRole().notNull().default('organiser'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.accountId] }), index('petition_organisers_account_idx').on(t.accountId)],
);

/** Invitations to co-organise, accepted through an emailed link by the invited address. */
export const organiserInvites = pgTable(
  'organiser_invites',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    invitedBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    tokenHash: bytea().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('organiser_invites_petition_idx')
      .on(t.petitionId)
      .where(sql`${t.acceptedAt} is null`),
    // The daily caps count recent invitations per inviting account and per invited address.
    index('organiser_invites_inviter_idx').on(t.invitedBy, t.createdAt),
    index('organiser_invites_email_idx').on(t.email, t.createdAt),
  ],
);
