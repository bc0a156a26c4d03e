import { cidr, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { petitions } from './petitions';

/**
 * Rate limits, editable by platform admins without a deploy (read on every signature).
 * Names: ip_burst, ip_sustained (per IP per petition), email_domain (per domain per petition),
 * petition_breaker (per petition overall).
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
 * deleted by a periodic job.
 */
export const petitionSignWindows = pgTable(
  'petition_sign_windows',
  {
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    shard: smallint().notNull(),
    signs: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.windowStart, t.shard] })],
);
