import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { RespondForm } from '@/components/responses/respond-form';
import { findResponseLink } from '@/lib/responses/respond-by-link';
import { respondAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false }, referrer: 'same-origin' };

/** The target's response page: opening it changes nothing; only pressing the button sends (once). */
export default async function RespondPage({ params }: PageProps<'/[locale]/respond/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const [t, link] = await Promise.all([getTranslations('responses'), findResponseLink(token)]);
  return (
    <div className="container narrow">
      <section className="panel">
        {link ? (
          <>
            <h1>{t('respondTitle', { title: link.title })}</h1>
            <p>{t('respondIntro', { name: link.name })}</p>
            <RespondForm action={respondAction.bind(null, token)} />
          </>
        ) : (
          <>
            <h1>{t('responsesTitle')}</h1>
            <p role="status">{t('respondUsed')}</p>
          </>
        )}
      </section>
    </div>
  );
}
