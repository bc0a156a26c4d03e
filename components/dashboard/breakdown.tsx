import { formatNumber } from '@/lib/i18n/format';
import type { CountryShare } from '@/lib/dashboard/queries';

/**
 * A ranked table of counts with their share, e.g. by country or by source. A row known only as
 * "fewer than N" (an at-risk petition's small countries) shows `fewerThan(N)` and no share; `total`
 * (the confirmed count) is then what the shares are of.
 */
export function Breakdown({
  caption,
  keyLabel,
  rows,
  label,
  locale,
  total: given,
  fewerThan,
}: {
  caption: string;
  keyLabel: string;
  rows: CountryShare[];
  label: (key: string | null) => string;
  locale: string;
  total?: number;
  fewerThan?: (n: number) => string;
}) {
  const total = (given ?? rows.reduce((n, r) => n + (r.count ?? 0), 0)) || 1;
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
            {r.count === null ? (
              <>
                <td>{fewerThan ? fewerThan(r.fewerThan) : `< ${formatNumber(locale, r.fewerThan)}`}</td>
                <td />
              </>
            ) : (
              <>
                <td>{formatNumber(locale, r.count)}</td>
                <td>
                  <span className="share-bar" style={{ inlineSize: `${Math.round((r.count / total) * 100)}%` }} aria-hidden="true" />
                  {percent.format(r.count / total)}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
