import { getTranslations } from 'next-intl/server';
import { formatNumber, progressPercent } from '@/lib/i18n/format';

/** The count and a bar toward the goal. */
export async function Progress({ count, goal, locale, large = false }: { count: number; goal: number; locale: string; large?: boolean }) {
  const t = await getTranslations('petition');
  const percent = progressPercent(count, goal);
  return (
    <div className={large ? 'progress progress-large' : 'progress'}>
      <p className="progress-count">
        <strong>{t('signatures', { count })}</strong> <span className="muted">{t('ofGoal', { goal: formatNumber(locale, goal) })}</span>
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('progressLabel', { percent: formatNumber(locale, percent) })}
        aria-label={t('progressLabel', { percent: formatNumber(locale, percent) })}
      >
        <div className="progress-fill" style={{ inlineSize: `${Math.max(percent, count > 0 ? 2 : 0)}%` }} />
      </div>
    </div>
  );
}
