// Settings every connection to the app's database starts with, whatever the server or the database
// is configured with. PostgreSQL's session time zone comes from the server's configuration (initdb
// copies the machine's zone): date_trunc, ::date, timestamp casts and day arithmetic follow it. Every
// connection is in UTC, and the SQL also names the zone wherever a calendar day or hour is meant, so
// neither alone decides.

/** Startup parameters of every connection (postgres.js `connection`). */
export const SESSION_SETTINGS = { TimeZone: 'UTC' } as const;

/** The postgres.js options every client of the app's databases shares: UTC sessions, notices ignored. */
export const postgresDefaults = { onnotice: () => {}, connection: SESSION_SETTINGS };

/**
 * The connection string for node-postgres clients (graphile-worker's pool and its migrations) with
 * the same settings, as libpq's `options` parameter (kept after any options the URL already has).
 * PgBouncer accepts it from 1.20 on (TimeZone is one of the parameters it tracks).
 */
export function withSessionSettings(url: string): string {
  const u = new URL(url);
  const settings = Object.entries(SESSION_SETTINGS).map(([name, value]) => `-c ${name}=${value}`);
  u.searchParams.set('options', [u.searchParams.get('options'), ...settings].filter(Boolean).join(' '));
  return u.toString();
}
