import { formatNumber } from '@/lib/i18n/format';

/** A petition's demands, numbered in the reader's digits; the text keeps the petition's language. */
export function DemandList({ demands, lang, locale }: { demands: string[]; lang: string; locale: string }) {
  return (
    <ol className="demand-list">
      {demands.map((demand, i) => (
        <li key={i}>
          <span className="demand-number" aria-hidden="true">
            {formatNumber(locale, i + 1)}
          </span>
          <span lang={lang} dir="auto">
            {demand}
          </span>
        </li>
      ))}
    </ol>
  );
}
