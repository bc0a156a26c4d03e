import { getTranslations } from 'next-intl/server';
import type { Milestone, Point } from '@/lib/dashboard/queries';
import { dateTimeFormat, formatNumber } from '@/lib/i18n/format';

const W = 640;
const H = 220;
const PAD = { top: 16, right: 12, bottom: 28, left: 48 };

/** Each day's point with the running total up to it. */
function cumulativeOf(daily: Point[]): { at: Date; total: number; count: number }[] {
  let running = 0;
  return daily.map((p) => ({ at: p.at, total: (running += p.count), count: p.count }));
}

/**
 * Confirmed signatures over time, drawn on the server as SVG: daily cumulative totals with the
 * goal and milestones marked, and the same figures as a table for screen readers.
 */
export async function SignatureChart({
  daily,
  goal,
  milestones,
  locale,
  now,
}: {
  daily: Point[];
  goal: number;
  milestones: Milestone[];
  locale: string;
  /** When the figures were read: where an empty chart starts. */
  now: Date;
}) {
  const t = await getTranslations('stats');
  const cumulative = cumulativeOf(daily);
  const max = Math.max(goal, cumulative.at(-1)?.total ?? 0, 1);
  const first = cumulative[0]?.at.getTime() ?? now.getTime();
  const last = cumulative.at(-1)?.at.getTime() ?? first;
  const span = Math.max(last - first, 24 * 3600 * 1000);
  const x = (ms: number) => PAD.left + ((ms - first) / span) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / max) * (H - PAD.top - PAD.bottom);
  const path = cumulative.map((p, i) => `${i ? 'L' : 'M'}${x(p.at.getTime()).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  const day = dateTimeFormat(locale, { month: 'short', day: 'numeric' });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title" preserveAspectRatio="xMidYMid meet" style={{ direction: 'ltr' }}>
        <title id="chart-title">{t('chartTitle')}</title>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(goal)} y2={y(goal)} className="chart-goal" />
        <text x={W - PAD.right} y={y(goal) - 4} textAnchor="end" className="chart-label">
          {t('goalLine', { goal: compact.format(goal) })}
        </text>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="chart-axis" />
        <text x={PAD.left - 6} y={y(0)} textAnchor="end" className="chart-label">
          0
        </text>
        <text x={PAD.left - 6} y={y(max) + 10} textAnchor="end" className="chart-label">
          {compact.format(max)}
        </text>
        {cumulative.length > 0 && (
          <>
            <text x={PAD.left} y={H - 8} className="chart-label">
              {day.format(cumulative[0]!.at)}
            </text>
            <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-label">
              {day.format(cumulative.at(-1)!.at)}
            </text>
          </>
        )}
        <path d={path} className="chart-line" />
        {milestones.map((m) => {
          const at = Math.min(Math.max(m.reachedAt.getTime(), first), first + span);
          return (
            <circle key={m.milestone} cx={x(at)} cy={y(Math.min(m.milestone, max))} r={4} className="chart-milestone">
              <title>{formatNumber(locale, m.milestone)}</title>
            </circle>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>{t('chartTable')}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('newSignatures')}</th>
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {cumulative.map((p) => (
              <tr key={p.at.toISOString()}>
                <td>{day.format(p.at)}</td>
                <td>{formatNumber(locale, p.count)}</td>
                <td>{formatNumber(locale, p.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Confirmed signatures per hour over the three days before `now` (when the figures were read), as bars. */
export async function HourlyBars({ hourly, locale, now }: { hourly: Point[]; locale: string; now: Date }) {
  const t = await getTranslations('stats');
  const max = Math.max(1, ...hourly.map((p) => p.count));
  const start = now.getTime() - 72 * 3600 * 1000;
  const bw = (W - PAD.left - PAD.right) / 72;
  const time = dateTimeFormat(locale, { weekday: 'short', hour: 'numeric', timeZoneName: 'short' });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H / 1.6}`} role="img" aria-label={t('hourlyTitle')} style={{ direction: 'ltr' }}>
        {hourly.map((p) => {
          const i = Math.floor((p.at.getTime() - start) / 3600_000);
          const h = (p.count / max) * (H / 1.6 - PAD.bottom - 4);
          return (
            <rect key={p.at.toISOString()} x={PAD.left + i * bw} y={H / 1.6 - PAD.bottom - h} width={Math.max(bw - 1, 1)} height={h} className="chart-bar">
              <title>{`${time.format(p.at)}: ${formatNumber(locale, p.count)}`}</title>
            </rect>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={H / 1.6 - PAD.bottom} y2={H / 1.6 - PAD.bottom} className="chart-axis" />
        <text x={PAD.left} y={H / 1.6 - 8} className="chart-label">
          {t('hoursAgo')}
        </text>
        <text x={W - PAD.right} y={H / 1.6 - 8} textAnchor="end" className="chart-label">
          {t('now')}
        </text>
      </svg>
    </figure>
  );
}
