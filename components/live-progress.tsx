'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { progressPercent } from '@/lib/i18n/format';

const POLL_SECONDS = 20;
const ANNOUNCE_AT_MOST_EVERY_MS = 60_000;

/**
 * The count and bar toward the goal, kept current while the page is open (polling the cached
 * public API). Screen readers hear a new count politely, at most once a minute, not on every tick.
 */
export function LiveProgress({ slug, initialCount, goal }: { slug: string; initialCount: number; goal: number }) {
  const t = useTranslations('petition');
  const locale = useLocale();
  const [count, setCount] = useState(initialCount);
  const [announcement, setAnnouncement] = useState('');
  const lastAnnounced = useRef(Date.now());

  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const res = await fetch(`/api/petitions/${slug}/count`, { headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const next = Number((await res.json()).signatureCount);
        if (!Number.isFinite(next)) return;
        setCount((current) => {
          if (next > current && Date.now() - lastAnnounced.current > ANNOUNCE_AT_MOST_EVERY_MS) {
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
        <strong>{t('signatures', { count })}</strong>{' '}
        <span className="muted">{t('ofGoal', { goal: new Intl.NumberFormat(locale).format(goal) })}</span>
      </p>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
        aria-valuetext={t('progressLabel', { percent: percentText })} aria-label={t('progressLabel', { percent: percentText })}>
        <div className="progress-fill" style={{ inlineSize: `${Math.max(percent, count > 0 ? 2 : 0)}%` }} />
      </div>
      <p className="visually-hidden" aria-live="polite">{announcement}</p>
    </div>
  );
}
