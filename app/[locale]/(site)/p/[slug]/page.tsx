import { RevisionList } from '@/components/revisions/revision-list';
import { listRevisions } from '@/lib/revisions/queries';
import { Accountability } from '@/components/responses/accountability';
import { getAccountability } from '@/lib/responses/public';
import { PublicDeliveries } from '@/components/deliveries/public-deliveries';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import { PetitionView } from '@/components/petition-view';
import { AtRiskNotice } from '@/components/at-risk-notice';
import { RecentSigners } from '@/components/recent-signers';
import { QrCode } from '@/components/qr-code';
import { SharePanel } from '@/components/share-panel';
import { referralCodeFrom } from '@/lib/sharing/share-links';
import { SignForm } from '@/components/sign-form';
import { shownConsent, shownQuestions } from '@/lib/questions/labels';
import { countryOptions } from '@/lib/countries';
import { getEnv } from '@/lib/env';
import { PlainLink as Link } from '@/components/plain-link';
import { locales } from '@/lib/i18n/locales';
import { dateTimeFormat } from '@/lib/i18n/format';
import { localizedPath } from '@/lib/i18n/paths';
import { petitionForPage, publicPetitionFor } from '@/lib/petitions/public-page';
import { listRecentSigners } from '@/lib/signatures/queries';
import { decodeSignFormFlash, SIGN_FORM_FLASH_HEADER } from '@/lib/signatures/form-flash';
import { RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { listPublicUpdates } from '@/lib/updates/updates';
import { Markdown } from '@/components/markdown';
import { resendAction, signAction } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/p/[slug]'>): Promise<Metadata> {
  const { slug, locale } = await params;
  const petition = await publicPetitionFor(slug, locale);
  if (!petition) return {};
  const appUrl = getEnv().appUrl;
  const t = await getTranslations({ locale, namespace: 'preview' });
  // The card shows the live count; `v` changes with it so chat apps fetch a fresh card rather than their cached one.
  const images = [
    {
      url: `${appUrl}/api/petitions/${petition.slug}/preview?locale=${locale}&v=${petition.signatureCount}`,
      width: 1200,
      height: 630,
      alt: t('alt', { title: petition.title, count: petition.signatureCount }),
    },
    ...(petition.hasCover ? [{ url: `${appUrl}/api/petitions/${petition.slug}/cover`, width: 1200, height: 630 }] : []),
  ];
  return {
    title: petition.title,
    description: petition.summary,
    // One canonical address per language version, so shared links with ?source= or ?ref= count as one page.
    alternates: {
      canonical: appUrl + localizedPath(locale, `/p/${petition.slug}`),
      languages: Object.fromEntries(locales.map((l) => [l, appUrl + localizedPath(l, `/p/${petition.slug}`)])),
      // oEmbed discovery: a CMS given only this page's address finds the embeddable widget.
      types: {
        'application/json+oembed': `${appUrl}/api/oembed?url=${encodeURIComponent(appUrl + localizedPath(locale, `/p/${petition.slug}`))}&format=json`,
      },
    },
    openGraph: { title: petition.title, description: petition.summary, type: 'article', images, url: appUrl + localizedPath(locale, `/p/${petition.slug}`) },
    twitter: { card: 'summary_large_image', title: petition.title, description: petition.summary, images: [images[0]!] },
  };
}

export default async function PetitionPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionForPage(slug, locale, '', query);

  const [t, ts, signers, updates, request, accountability, revisions] = await Promise.all([
    getTranslations('petition'),
    getTranslations('share'),
    petition.atRisk ? [] : listRecentSigners(petition.id),
    listPublicUpdates(petition.id),
    headers(),
    getAccountability(petition.id),
    listRevisions(petition.id),
  ]);
  const date = dateTimeFormat(locale, { dateStyle: 'long' });
  const source = typeof query.source === 'string' ? query.source : undefined;
  const ref = referralCodeFrom(query.ref);
  const url = `${getEnv().appUrl}/p/${petition.slug}`;

  const signing =
    petition.status === 'open' ? (
      <>
        {petition.atRisk && <AtRiskNotice />}
        <SignForm
          atRisk={petition.atRisk}
          questions={shownQuestions(petition.questions, petition.language)}
          consent={shownConsent(petition.dataController, petition.partnerOptIn, petition.language, petition.atRisk)}
          action={signAction.bind(null, petition.slug)}
          postWithoutJavaScriptTo={`/api/petitions/${petition.slug}/sign`}
          initialState={decodeSignFormFlash(request.get(SIGN_FORM_FLASH_HEADER) ?? undefined) ?? undefined}
          resendAction={resendAction.bind(null, petition.slug)}
          countries={countryOptions(locale)}
          locale={locale}
          source={source}
          referral={ref}
          resendInterval={RESEND_INTERVAL_SECONDS}
        />
      </>
    ) : (
      <div className="closed-notice" role="status">
        <h2>{t('closedTitle')}</h2>
        <p>{t('closedBody', { count: petition.signatureCount })}</p>
      </div>
    );

  // schema.org data for search engines: a data block, never executed.
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    name: petition.title,
    description: petition.summary,
    inLanguage: petition.language,
    url: getEnv().appUrl + localizedPath(locale, `/p/${petition.slug}`),
    datePublished: petition.publishedAt?.toISOString(),
    about: { '@type': 'Thing', name: petition.target },
    interactionStatistic: { '@type': 'InteractionCounter', interactionType: 'https://schema.org/AgreeAction', userInteractionCount: petition.signatureCount },
  };

  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }} />
      <PetitionView
        petition={petition}
        locale={locale}
        live={petition.status === 'open'}
        signing={signing}
        after={
          <div className="petition-after">
            <Accountability data={accountability} lang={petition.language} locale={locale} />
            <RevisionList revisions={revisions} lang={petition.language} locale={locale} />
            {updates.length > 0 && (
              <section className="updates-public" aria-labelledby="updates-title">
                <h2 id="updates-title">{t('updatesTitle')}</h2>
                {updates.map((u, i) => (
                  <article key={i} lang={petition.language}>
                    <h3 dir="auto">{u.subject}</h3>
                    <p className="muted">
                      <time dateTime={u.createdAt.toISOString()}>{date.format(u.createdAt)}</time>
                    </p>
                    <Markdown source={u.body} />
                  </article>
                ))}
              </section>
            )}
          </div>
        }
        below={
          <>
            <PublicDeliveries petitionId={petition.id} slug={petition.slug} locale={locale} />
            <div className="card">
              <h2 className="card-title">{ts('title')}</h2>
              <SharePanel appUrl={getEnv().appUrl} slug={petition.slug} title={petition.title} locale={locale} />
              <div className="qr-row">
                <QrCode url={url} label={ts('qr')} size={120} />
                <Link href={`/p/${petition.slug}/poster`}>{ts('poster')}</Link>
              </div>
            </div>
            {/* An at-risk petition shows no one's name, not even of those who once agreed. */}
            {!petition.atRisk && (
              <div className="card">
                <RecentSigners signers={signers} locale={locale} />
              </div>
            )}
            <p className="report-link">
              <Link href={`/p/${petition.slug}/report`}>{t('report')}</Link>
            </p>
          </>
        }
      />
    </>
  );
}
