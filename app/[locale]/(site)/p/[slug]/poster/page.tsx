import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { QrCode } from '@/components/qr-code';
import { getEnv } from '@/lib/env';
import { petitionForPage } from '@/lib/petitions/public-page';
import { petitionShareUrl } from '@/lib/sharing/share-links';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** A printable A4 poster for paper campaigns: title, demands and a QR code tagged `?source=poster`. */
export default async function PosterPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/poster'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionForPage(slug, locale, '/poster', query);
  const [t, tp] = await Promise.all([getTranslations('share'), getTranslations('petition')]);
  const url = petitionShareUrl(getEnv().appUrl, petition.slug, { locale, source: 'poster' });
  return (
    <article className="poster container narrow" lang={petition.language}>
      <p className="eyebrow">
        {tp('to')} <bdi>{petition.target}</bdi>
      </p>
      <h1 dir="auto">{petition.title}</h1>
      <p className="lead" dir="auto">
        {petition.summary}
      </p>
      <ol className="poster-demands">
        {petition.demands.map((d, i) => (
          <li key={i} dir="auto">
            {d}
          </li>
        ))}
      </ol>
      <div className="poster-qr">
        <QrCode url={url} label={t('qr')} size={260} />
        <p>
          <strong>{t('posterTitle')}</strong>
        </p>
        <p dir="ltr" className="poster-url">
          {url.replace(/^https?:\/\//, '').replace(/\?.*$/, '')}
        </p>
      </div>
    </article>
  );
}
