import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { describeConfirmationLink } from '@/lib/signatures/confirm';
import { CONFIRMATION_LINK_DAYS } from '@/lib/signatures/tokens';
import ConfirmPage from '../../p/[slug]/confirm/[token]/page';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'same-origin' };

/**
 * The confirmation link of an at-risk petition's email: an address that names no petition, so an
 * inbox glanced at, or a mail server's log, shows nothing of the cause. It shows the same page as
 * `/p/<slug>/confirm/<token>` once the token says which petition it is for; a link that no longer
 * works says so, without a petition to go back to.
 */
export default async function NeutralConfirmPage({ params, searchParams }: PageProps<'/[locale]/confirm/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const link = await describeConfirmationLink(token);
  if (link.status !== 'invalid') return ConfirmPage({ params: Promise.resolve({ locale, slug: link.petition.slug, token }), searchParams });
  const t = await getTranslations();
  return (
    <div className="container narrow">
      <section className="panel" aria-labelledby="confirm-title">
        <h1 id="confirm-title">{t('confirm.invalidTitle')}</h1>
        <p>{t('confirm.invalidNeutralBody', { days: CONFIRMATION_LINK_DAYS })}</p>
      </section>
    </div>
  );
}
