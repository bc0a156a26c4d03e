import { formatNumber } from '@/lib/i18n/format';
import type { Share } from '@/lib/dashboard/queries';

/** A ranked table of counts with their share, e.g. by country or by source. */
export function Breakdown({
  caption,
  keyLabel,
  rows,
  label,
  locale,
}: {
  caption: string;
  keyLabel: string;
  rows: Share[];
  label: (key: string | null) => string;
  locale: string;
}) {
  const total = rows.reduce((n, r) => n + r.count, 0) || 1;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <table className="table breakdown">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyLabel}</th>
          <th scope="col">#</th>
          <th scope="col">%</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 30).map((r) => (
          <tr key={r.key ?? '-'}>
            <td>{label(r.key)}</td>
            <td>{formatNumber(locale, r.count)}</td>
            <td>
              <span className="share-bar" style={{ inlineSize: `${Math.round((r.count / total) * 100)}%` }} aria-hidden="true" />
              {percent.format(r.count / total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
