import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Markdown } from '@/components/markdown';
import { Progress } from '@/components/progress';
import { RecentSigners } from '@/components/recent-signers';
import { ShareLink } from '@/components/share-link';
import { SignForm } from '@/components/sign-form';
import { countryOptions } from '@/lib/countries';
import { getEnv } from '@/lib/env';
import { getPublicPetition } from '@/lib/petitions/queries';
import { listRecentSigners } from '@/lib/signatures/queries';
import { RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { resendAction, signAction } from './actions';

export const dynamic = 'force-dynamic';

// Metadata and page share one lookup per request.
const petitionFor = cache(getPublicPetition);

export async function generateMetadata({ params }: PageProps<'/[locale]/p/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const petition = await petitionFor(slug);
  if (!petition) return {};
  return { title: petition.title, description: petition.summary };
}

export default async function PetitionPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionFor(slug);
  if (!petition) notFound();

  const [t, signers] = await Promise.all([getTranslations('petition'), listRecentSigners(petition.id)]);
  const source = typeof query.source === 'string' ? query.source : undefined;
  const url = `${getEnv().appUrl}/p/${petition.slug}`;
  const open = petition.status === 'open';

  return (
    <div className="container petition-layout">
      <header className="petition-header">
          <p className="eyebrow">
            {t('to')} <bdi className="target" lang={petition.language}>{petition.target}</bdi>
          </p>
          <h1 lang={petition.language} dir="auto">{petition.title}</h1>
          <p className="lead" lang={petition.language} dir="auto">{petition.summary}</p>
      </header>

      <section className="demands" aria-labelledby="demands-title">
          <h2 id="demands-title">{t('demandsTitle')}</h2>
          <ol className="demand-list">
            {petition.demands.map((demand, i) => (
              <li key={i}>
                <span className="demand-number" aria-hidden="true">{new Intl.NumberFormat(locale).format(i + 1)}</span>
                <span lang={petition.language} dir="auto">{demand}</span>
              </li>
            ))}
          </ol>
      </section>

      <aside className="petition-aside">
        <div className="card sign-card">
          <Progress count={petition.signatureCount} goal={petition.goal} locale={locale} large />
          {open ? (
            <SignForm
              action={signAction.bind(null, petition.slug)}
              resendAction={resendAction.bind(null, petition.slug)}
              countries={countryOptions(locale)}
              locale={locale}
              source={source}
              resendInterval={RESEND_INTERVAL_SECONDS}
            />
          ) : (
            <div className="closed-notice" role="status">
              <h2>{t('closedTitle')}</h2>
              <p>{t('closedBody', { count: petition.signatureCount })}</p>
            </div>
          )}
        </div>
        <div className="card">
          <ShareLink url={url} title={petition.title} />
        </div>
        <div className="card">
          <RecentSigners signers={signers} locale={locale} />
        </div>
      </aside>

      {petition.body && (
        <section className="background" lang={petition.language} aria-labelledby="background-title">
          <h2 id="background-title">{t('background')}</h2>
          <Markdown source={petition.body} />
        </section>
      )}
    </div>
  );
}
