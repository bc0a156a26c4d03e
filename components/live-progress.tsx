'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { progressPercent } from '@/lib/i18n/format';

const POLL_SECONDS = 20;
const ANNOUNCE_AT_MOST_EVERY_MS = 60_000;
// How long a count once shown holds after a reload: long enough to cover the page's own shared
// copy (2 s) and a CDN's (seconds), short enough that a real drop (withdrawals) soon shows.
const REMEMBER_MS = 5 * 60_000;

const storageKey = (slug: string) => `undersign:count:${slug}`;

/** The highest count this tab showed for the petition in the last few minutes, or 0. */
function rememberedCount(slug: string): number {
  try {
    const kept = JSON.parse(sessionStorage.getItem(storageKey(slug)) ?? 'null') as { count?: unknown; at?: unknown } | null;
    if (typeof kept?.count === 'number' && typeof kept.at === 'number' && Date.now() - kept.at < REMEMBER_MS) return kept.count;
  } catch {
    // Storage refused (a sandboxed frame, privacy settings) or garbled: nothing remembered.
  }
  return 0;
}

function rememberCount(slug: string, count: number): void {
  try {
    sessionStorage.setItem(storageKey(slug), JSON.stringify({ count, at: Date.now() }));
  } catch {
    // Not kept: a reload then shows the page's own count.
  }
}

/**
 * The count and bar toward the goal, kept current while the page is open (polling the cached
 * public API). The number never goes down while the page is open, and a reload never shows less
 * than this tab showed minutes before: shared caches (the server's 2 s, a CDN's) may answer with
 * a slightly older count than the one already on screen. Screen readers hear a new count politely,
 * at most once a minute, not on every tick.
 */
export function LiveProgress({ slug, initialCount, goal }: { slug: string; initialCount: number; goal: number }) {
  const t = useTranslations('petition');
  const locale = useLocale();
  const [count, setCount] = useState(initialCount);
  const [announcement, setAnnouncement] = useState('');
  // When screen readers last heard the count (from the page's start: its own count needs no announcing).
  const lastAnnounced = useRef(0);

  // After hydration (the server's HTML has the page's own count): the higher of it and what this tab showed.
  // sessionStorage exists only in the browser, so this can only be read after hydration, in an effect:
  // the count is corrected once, on load.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- see above: a browser-only store read once after hydration
  useEffect(() => setCount((current) => Math.max(current, rememberedCount(slug))), [slug]);
  // (Read back first: this also runs once with the page's own count before the line above takes effect.)
  useEffect(() => rememberCount(slug, Math.max(count, rememberedCount(slug))), [slug, count]);

  useEffect(() => {
    lastAnnounced.current = Date.now();
    const timer = setInterval(async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        // The answer may be kept by caches for a few seconds; the browser's own copy must be
        // checked with the server each time, or it could be older than the page.
        const res = await fetch(`/api/petitions/${slug}/count`, { headers: { accept: 'application/json' }, cache: 'no-cache' });
        if (!res.ok) return;
        const body = (await res.json()) as { signatureCount?: unknown };
        const next = Number(body.signatureCount);
        if (!Number.isFinite(next)) return;
        setCount((current) => {
          if (next <= current) return current;
          if (Date.now() - lastAnnounced.current > ANNOUNCE_AT_MOST_EVERY_MS) {
            lastAnnounced.current = Date.now();
            setAnnouncement(t('signatures', { count: next }));
          }
          return next;
        });
      } catch {
        // Offline or a blip: keep the last known count.
      }
    }, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [slug, t]);

  const percent = progressPercent(count, goal);
  const percentText = new Intl.NumberFormat(locale).format(percent);
  return (
    <div className="progress progress-large">
      <p className="progress-count">
        <strong>{t('signatures', { count })}</strong> <span className="muted">{t('ofGoal', { goal: new Intl.NumberFormat(locale).format(goal) })}</span>
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('progressLabel', { percent: percentText })}
        aria-label={t('progressLabel', { percent: percentText })}
      >
        <div className="progress-fill" style={{ inlineSize: `${Math.max(percent, count > 0 ? 2 : 0)}%` }} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
