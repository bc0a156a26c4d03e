import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { QrCode } from '@/components/qr-code';
import { getEnv } from '@/lib/env';
import { getPublicPetition } from '@/lib/petitions/queries';
import { petitionShareUrl } from '@/lib/sharing/share-links';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** A printable A4 poster for paper campaigns: title, demands and a QR code tagged `?source=poster`. */
export default async function PosterPage({ params }: PageProps<'/[locale]/p/[slug]/poster'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const petition = await getPublicPetition(slug, locale);
  if (!petition) notFound();
  const [t, tp] = await Promise.all([getTranslations('share'), getTranslations('petition')]);
  const url = petitionShareUrl(getEnv().appUrl, petition.slug, { locale, source: 'poster' });
  return (
    <article className="poster container narrow" lang={petition.language}>
      <p className="eyebrow">{tp('to')} <bdi>{petition.target}</bdi></p>
      <h1 dir="auto">{petition.title}</h1>
      <p className="lead" dir="auto">{petition.summary}</p>
      <ol className="poster-demands">
        {petition.demands.map((d, i) => <li key={i} dir="auto">{d}</li>)}
      </ol>
      <div className="poster-qr">
        <QrCode url={url} label={t('qr')} size={260} />
        <p><strong>{t('posterTitle')}</strong></p>
        <p dir="ltr" className="poster-url">{url.replace(/^https?:\/\//, '').replace(/\?.*$/, '')}</p>
      </div>
    </article>
  );
}
