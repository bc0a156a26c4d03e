import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { ConfirmPanel } from '@/components/confirm-panel';
import { getEnv } from '@/lib/env';
import { describeConfirmationLink } from '@/lib/signatures/confirm';
import { CONFIRMATION_LINK_DAYS } from '@/lib/signatures/tokens';
import { confirmAction } from '../../p/[slug]/confirm/[token]/actions';
import ConfirmPage from '../../p/[slug]/confirm/[token]/page';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'same-origin' };

/**
 * The confirmation link of an at-risk petition's email: an address that names no petition, so an
 * inbox glanced at, or a mail server's log, shows nothing of the cause. It shows the same page as
 * `/p/<slug>/confirm/<token>` once the token says which petition it is for. When it no longer does
 * (used, expired, or just confirmed without JavaScript: an at-risk confirmation removes the links and
 * the page is rendered again after the POST), the panel has no petition: it shows the confirming
 * action's answer if there is one, else that the link does not work.
 */
export default async function NeutralConfirmPage({ params, searchParams }: PageProps<'/[locale]/confirm/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const link = await describeConfirmationLink(token);
  if (link.status !== 'invalid') return ConfirmPage({ params: Promise.resolve({ locale, slug: link.petition.slug, token }), searchParams });
  // The same tree as ConfirmPage's, so a form state posted without JavaScript finds its panel.
  return (
    <div className="container narrow">
      <ConfirmPanel
        petition={null}
        appUrl={getEnv().appUrl}
        locale={locale}
        initial={{ status: 'invalid' }}
        expiryDays={CONFIRMATION_LINK_DAYS}
        confirmAction={confirmAction.bind(null, token)}
      />
    </div>
  );
}
