/**
 * The default value of each abuse limit (a row of `abuse_limits`, read by signature_suspicion() and
 * email_budget_take() on every call, edited by platform admins at /admin/abuse). This is the values'
 * one home: db/migrate.ts inserts the row of any limit a database lacks at every start, so a limit
 * added here reaches every database without a migration, and a row an admin has set is never
 * overwritten. (Migrations 0008 and 0024 inserted the same values when they ran; they are history,
 * and tests/integration/database-functions.test.ts holds a fresh database's rows to this list.)
 */
export const ABUSE_LIMIT_DEFAULTS = {
  // Per IP (an IPv6 /64 is one) per petition: a burst within a minute, and an hour's sustained rate.
  ip_burst: { maxCount: 5, windowSeconds: 60 },
  ip_sustained: { maxCount: 20, windowSeconds: 3600 },
  // Per registrable email domain per petition (big webmail providers are on the allow list).
  email_domain: { maxCount: 50, windowSeconds: 600 },
  // Per petition overall: a circuit breaker far above any genuine surge.
  petition_breaker: { maxCount: 60000, windowSeconds: 60 },
  // Emails per IP network (IPv4 /24, IPv6 /64) per hour, across signing, resends and sign-in links.
  email_budget: { maxCount: 200, windowSeconds: 3600 },
} as const satisfies Record<string, { maxCount: number; windowSeconds: number }>;

/** The name of an abuse limit (a row of `abuse_limits`). */
export type AbuseLimitName = keyof typeof ABUSE_LIMIT_DEFAULTS;
