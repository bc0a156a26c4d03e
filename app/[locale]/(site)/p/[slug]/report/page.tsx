import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ReportForm } from '@/components/report-form';
import { PlainLink as Link } from '@/components/plain-link';
import { reportReasons } from '@/lib/moderation/reports';
import { petitionForPage } from '@/lib/petitions/public-page';
import { reportAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

export default async function ReportPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/report'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionForPage(slug, locale, '/report', query);
  const t = await getTranslations('report');
  return (
    <div className="container narrow">
      <section className="panel">
        <h1>{t('title')}</h1>
        <p>{t.rich('intro', { title: () => <bdi>{petition.title}</bdi> })}</p>
        <ReportForm action={reportAction.bind(null, petition.slug)} reasons={reportReasons} />
        <p>
          <Link href={`/p/${petition.slug}`}>{t('back')}</Link>
        </p>
      </section>
    </div>
  );
}
