import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

// A closing date is a calendar day: the petition closes at the end of it in UTC (23:59:59Z),
// whatever the session's or the server's zone (the editor's hint says so). Both directions are
// here, naming the zone, so that saving the editor any number of times keeps the same day. (The
// editor's check that the day is still to come, publishProblems in ./schemas.ts, uses the same instant.)

/** The closing instant (timestamptz) of a closing day given as YYYY-MM-DD: 23:59:59 UTC that day. */
export function closingInstant(day: string): SQL {
  return sql`((${day}::date + time '23:59:59') at time zone 'UTC')`;
}

/** The closing day (YYYY-MM-DD) of a closing instant: the inverse of closingInstant. */
export function closingDay(instant: SQLWrapper): SQL<string | null> {
  return sql<string | null>`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD')`;
}
