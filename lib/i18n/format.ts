import { defaultLocale, isLocale } from './locales';

// A route parameter can be anything a visitor typed; Intl throws on malformed tags.
const safe = (locale: string) => (isLocale(locale) ? locale : defaultLocale);

/** Locale-aware number formatting (the locale's own digits, from CLDR). */
export function formatNumber(locale: string, n: number): string {
  return new Intl.NumberFormat(safe(locale)).format(n);
}

/**
 * Dates and times as the site shows them: in UTC, the zone every stored time and every day or hour
 * bucket is computed in, never the server's TZ (in America/Toronto a day starting at UTC midnight
 * would otherwise be labelled with the day before).
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(safe(locale), { ...options, timeZone: 'UTC' });
}

/** A moment for organisers and admins, naming its zone: "10 Jun 2024, 14:05 UTC" in the reader's language. */
export function formatMoment(locale: string, date: Date): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago" in the viewer's language, from Intl.RelativeTimeFormat. */
export function formatTimeAgo(locale: string, date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(safe(locale), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return rtf.format(Math.round(seconds / size), unit);
    }
  }
  return rtf.format(0, 'second');
}

/** Percentage of the goal, rounded down, capped at 100 for the bar. */
export function progressPercent(count: number, goal: number): number {
  if (goal <= 0) return 100;
  return Math.min(100, Math.floor((count / goal) * 100));
}
