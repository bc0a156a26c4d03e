import { getTranslations } from 'next-intl/server';
import type { Figures } from '@/lib/dashboard/queries';
import { formatNumber } from '@/lib/i18n/format';

export async function HeadlineFigures({ figures, locale }: { figures: Figures; locale: string }) {
  const t = await getTranslations('stats');
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const items: [string, string][] = [
    [t('confirmed'), formatNumber(locale, figures.confirmed)],
    [t('pending'), formatNumber(locale, figures.pending)],
    [t('confirmationRate'), percent.format(figures.confirmationRate)],
    [t('lastHour'), formatNumber(locale, figures.lastHour)],
    [t('last24Hours'), formatNumber(locale, figures.last24Hours)],
    [t('withdrawn'), formatNumber(locale, figures.withdrawn)],
    [t('invalidated'), formatNumber(locale, figures.invalidated)],
  ];
  return (
    <dl className="figures">
      {items.map(([label, value]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
