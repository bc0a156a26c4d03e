import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CheckInbox } from '@/components/check-inbox';
import { PlainLink as Link } from '@/components/plain-link';
import { petitionForPage } from '@/lib/petitions/public-page';
import { headers } from 'next/headers';
import { localizedPath } from '@/lib/i18n/paths';
import { decodeSignedFlash, SIGN_FORM_FLASH_HEADER } from '@/lib/signatures/form-flash';
import { RESEND_INTERVAL_SECONDS } from '@/lib/signatures/resend';
import { resendAction } from '../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: PageProps<'/[locale]/p/[slug]/signed'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'checkInbox' });
  return { title: t('title'), robots: { index: false, follow: false } };
}

/**
 * Where the sign form sends a browser without JavaScript after signing: the same page for new,
 * pending and confirmed addresses. It names the address the email went to, which arrives once in a
 * cookie for this page (proxy.ts); without it (a reload, a shared link) the page names no address
 * and is shared by all who land on it (a request with a cookie is never served the shared copy).
 */
export default async function SignedPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/signed'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const [petition, request] = await Promise.all([petitionForPage(slug, locale, '/signed', query), headers()]);
  const email = decodeSignedFlash(request.get(SIGN_FORM_FLASH_HEADER) ?? undefined) ?? undefined;
  return (
    <div className="container narrow">
      <CheckInbox
        email={email}
        correctHref={`${localizedPath(locale, `/p/${petition.slug}`)}#sign-title`}
        resendInterval={RESEND_INTERVAL_SECONDS}
        resendAction={resendAction.bind(null, petition.slug)}
      />
      <p className="check-inbox-back">
        <Link href={`/p/${petition.slug}`}>{petition.title}</Link>
      </p>
    </div>
  );
}
