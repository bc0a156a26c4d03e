import { cidr, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/**
 * Rate limits, editable by platform admins without a deploy (read on every signature).
 * Names: ip_burst, ip_sustained (per IP per petition), email_domain (per registrable domain per
 * petition), petition_breaker (per petition overall), email_budget (emails per IP network, platform-wide).
 */
export const abuseLimits = pgTable('abuse_limits', {
  name: text().primaryKey(),
  maxCount: integer().notNull(),
  windowSeconds: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Email domains whose signatures are held; `*.example.com` matches every subdomain. */
export const blockedEmailDomains = pgTable('blocked_email_domains', {
  pattern: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const blockedIpRanges = pgTable('blocked_ip_ranges', {
  range: cidr().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Shared addresses (universities, mobile carriers' NAT) exempt from the per-IP limits. */
export const allowedIpRanges = pgTable('allowed_ip_ranges', {
  range: cidr().primaryKey(),
  note: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Shared email providers exempt from the per-domain limit. */
export const allowedEmailDomains = pgTable('allowed_email_domains', {
  domain: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signatures per petition per time window for the circuit breaker, spread over shards (one per database
 * connection, by backend pid: migration 0012) so a surge does not queue on one row; old windows are
 * deleted by a periodic job. `petition_id` is not a foreign key (migration 0037): a shard row updated
 * again in the transaction that last wrote it (a batch of signatures, lib/signatures/statements.ts)
 * has its key checked anew, which share-locks the petition's row, the one row a surge must not
 * write to; a petition deleted by hand takes its windows with it (db/functions/delete_petition_signatures.sql).
 */
export const petitionSignWindows = pgTable(
  'petition_sign_windows',
  {
    petitionId: uuid().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    shard: smallint().notNull(),
    signs: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.windowStart, t.shard] })],
);

/**
 * One row per email a caller's network caused (a signature's confirmation, a repeat or "send it
 * again", a sign-in link), for the platform-wide email budget (`email_budget_take`, migration 0015):
 * counted per network by a range scan of the index that stops at the limit, never a counter row
 * updated per email. The retention job deletes rows older than the budget's window. Unlogged
 * (migration 0015: no WAL per email; a crash only empties the current window).
 */
export const emailBudgetEvents = pgTable(
  'email_budget_events',
  {
    /** The keyed hash of the IPv4 /24 or IPv6 /64 (`budgetHash` in lib/security/ip.ts). */
    networkHash: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_budget_events_network_idx').on(t.networkHash, t.createdAt)],
);
