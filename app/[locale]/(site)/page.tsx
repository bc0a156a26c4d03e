import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Progress } from '@/components/progress';
import { PlainLink as Link } from '@/components/plain-link';
import { listOpenPetitions } from '@/lib/petitions/queries';

export const dynamic = 'force-dynamic';

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const [t, petitions] = await Promise.all([getTranslations('home'), listOpenPetitions({ limit: 50, offset: 0 })]);
  return (
    <div className="container home">
      <section className="home-hero">
        <h1>{t('title')}</h1>
        <p className="lead">{t('intro')}</p>
      </section>
      {petitions.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="petition-list">
          {petitions.map((p) => (
            <li key={p.slug} className="card petition-card">
              <h2 dir="auto">
                <Link href={`/p/${p.slug}`}>{p.title}</Link>
              </h2>
              <p className="muted target" dir="auto">
                {t('to', { target: p.target })}
              </p>
              <p dir="auto">{p.summary}</p>
              <Progress count={p.signatureCount} goal={p.goal} locale={locale} />
              <Link href={`/p/${p.slug}`} className="button button-primary" aria-hidden="true" tabIndex={-1}>
                {t('readAndSign')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
