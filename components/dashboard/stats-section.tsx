import { getTranslations } from 'next-intl/server';
import { Breakdown } from '@/components/dashboard/breakdown';
import { HeadlineFigures } from '@/components/dashboard/figures';
import { HourlyBars, SignatureChart } from '@/components/dashboard/signature-chart';
import { countryName } from '@/lib/countries';
import { formatNumber } from '@/lib/i18n/format';
import type { PetitionOverview } from '@/lib/dashboard/overview';

/** The signature dashboard: headline figures, the charts, countries and sources, and the two CSV exports. */
export async function StatsSection({
  slug,
  goal,
  dashboard,
  readAt,
  locale,
  atRisk = false,
  partner = false,
}: {
  /** At-risk mode: no per-signer export (each row would give a signer's country and time). */
  atRisk?: boolean;
  /** The petition asks a partner opt-in: the partner's list (only its consenters) can be downloaded. */
  partner?: boolean;
  slug: string;
  goal: number;
  dashboard: PetitionOverview['dashboard'];
  readAt: Date;
  locale: string;
}) {
  const ts = await getTranslations('stats');
  return (
    <section className="card stats" aria-labelledby="stats-title">
      <h2 id="stats-title">{ts('title')}</h2>
      <HeadlineFigures figures={dashboard.figures} locale={locale} />
      <SignatureChart daily={dashboard.daily} goal={goal} milestones={dashboard.milestones} locale={locale} now={readAt} />
      <h3>{ts('hourlyTitle')}</h3>
      <HourlyBars hourly={dashboard.hourly} locale={locale} now={readAt} />
      <div className="dashboard-grid">
        <Breakdown
          caption={ts('byCountry')}
          keyLabel={ts('country')}
          rows={dashboard.countries}
          label={(k) => (k ? countryName(locale, k) : '—')}
          locale={locale}
          total={dashboard.figures.confirmed}
          fewerThan={(n) => ts('fewerThan', { n: formatNumber(locale, n) })}
        />
        <Breakdown caption={ts('bySource')} keyLabel={ts('source')} rows={dashboard.sources} label={(k) => k ?? ts('direct')} locale={locale} />
      </div>
      {!atRisk && (
        <p className="button-row">
          <a className="button button-secondary" href={`/api/dashboard/petitions/${slug}/export?scope=confirmed`} download>
            {ts('exportConfirmed')}
          </a>
          <a className="button button-secondary" href={`/api/dashboard/petitions/${slug}/export?scope=all`} download>
            {ts('exportAll')}
          </a>
          {partner && (
            <a className="button button-secondary" href={`/api/dashboard/petitions/${slug}/export?purpose=partner`} download>
              {ts('exportPartner')}
            </a>
          )}
        </p>
      )}
      {!atRisk && <p className="hint">{ts('exportNote')}</p>}
    </section>
  );
}
