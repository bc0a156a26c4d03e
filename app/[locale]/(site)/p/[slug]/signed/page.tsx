import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CheckInbox } from '@/components/check-inbox';
import { PlainLink as Link } from '@/components/plain-link';
import { petitionForPage } from '@/lib/petitions/public-page';
import { RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { resendAction } from '../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/p/[slug]/signed'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'checkInbox' });
  return { title: t('title'), robots: { index: false, follow: false } };
}

/**
 * Where the sign form sends a browser without JavaScript after signing: the same page for everyone
 * (it names no address), so it is shared by all who land on it at once.
 */
export default async function SignedPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/signed'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const petition = await petitionForPage(slug, locale, '/signed', query);
  return (
    <div className="container narrow">
      <CheckInbox resendInterval={RESEND_INTERVAL_SECONDS} resendAction={resendAction.bind(null, petition.slug)} />
      <p className="check-inbox-back">
        <Link href={`/p/${petition.slug}`}>{petition.title}</Link>
      </p>
    </div>
  );
}
