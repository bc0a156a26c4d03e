import { OutcomeProgress } from '@/components/responses/accountability';
import { getWidgetAccountability } from '@/lib/responses/public';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { EmbedResizer } from '@/components/embed-resizer';
import { LiveProgress } from '@/components/live-progress';
import { AtRiskNotice } from '@/components/at-risk-notice';
import { SignForm } from '@/components/sign-form';
import { shownConsent, shownQuestions } from '@/lib/questions/labels';
import { countryOptions } from '@/lib/countries';
import { DemandList } from '@/components/demand-list';
import { localizedPath } from '@/lib/i18n/paths';
import { petitionForPage } from '@/lib/petitions/public-page';
import { RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { resendAction, signAction } from '../../../../(site)/p/[slug]/actions';

export const dynamic = 'force-dynamic';

/** The compact widget other sites frame: count, demands folded away, and the same sign form and confirmation as the page. */
export default async function EmbedPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/embed'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionForPage(slug, locale, '/embed', query);
  const [t, { outcomes, responses }] = await Promise.all([getTranslations('petition'), getWidgetAccountability(petition.id)]);
  const tr = await getTranslations('responses');
  const lang = petition.language;
  const fullPage = localizedPath(locale, `/p/${petition.slug}`);

  return (
    <article className="embed-card" data-slug={petition.slug}>
      <p className="eyebrow">
        {t('to')} <bdi lang={lang}>{petition.target}</bdi>
      </p>
      <h1 className="embed-title" lang={lang} dir="auto">
        <a href={fullPage} target="_blank" rel="noopener">
          {petition.title}
        </a>
      </h1>
      {petition.status === 'open' ? <LiveProgress slug={petition.slug} initialCount={petition.signatureCount} goal={petition.goal} /> : null}
      <OutcomeProgress outcomes={outcomes} />
      {responses[0] && (
        <p className="embed-response">
          {tr('announceSubject', { target: responses[0].targetName })}{' '}
          <a href={`${fullPage}#responses-title`} target="_blank" rel="noopener">
            {tr('responsesTitle')}
          </a>
        </p>
      )}
      <details className="embed-demands">
        <summary>{t('demandsTitle')}</summary>
        <DemandList demands={petition.demands} lang={lang} locale={locale} />
      </details>
      {petition.status === 'open' && petition.atRisk && <AtRiskNotice />}
      {petition.status === 'open' ? (
        <SignForm
          atRisk={petition.atRisk}
          questions={shownQuestions(petition.questions, petition.language)}
          consent={shownConsent(petition.dataController, petition.partnerOptIn, petition.language, petition.atRisk)}
          action={signAction.bind(null, petition.slug)}
          resendAction={resendAction.bind(null, petition.slug)}
          countries={countryOptions(locale)}
          locale={locale}
          source="embed"
          resendInterval={RESEND_INTERVAL_SECONDS}
        />
      ) : (
        <p role="status">{t('closedBody', { count: petition.signatureCount })}</p>
      )}
      <p className="embed-footer">
        <a href={fullPage} target="_blank" rel="noopener">
          {t('embedReadMore')}
        </a>
      </p>
      <EmbedResizer slug={petition.slug} />
    </article>
  );
}
