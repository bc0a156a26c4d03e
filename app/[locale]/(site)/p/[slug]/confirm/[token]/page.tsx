import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { ConfirmPanel } from '@/components/confirm-panel';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { petitionForPage } from '@/lib/petitions/public-page';
import { describeConfirmationLink } from '@/lib/signatures/confirm';
import type { ConfirmState } from '@/lib/signatures/form-state';
import { CONFIRMATION_LINK_DAYS } from '@/lib/signatures/tokens';
import { resendAction } from '../../actions';
import { confirmAction } from './actions';

export const dynamic = 'force-dynamic';

// The token must not leak to other sites, but same-origin requests keep their Origin header:
// with no-referrer, browsers send `Origin: null` and Next rightly refuses the confirming POST.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'same-origin' };

/** Shows what the link confirms; changing anything takes the person's press of the button, a POST (see actions.ts). */
export default async function ConfirmPage({ params, searchParams }: PageProps<'/[locale]/p/[slug]/confirm/[token]'>) {
  const [{ locale, slug, token }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const [link, petition] = await Promise.all([describeConfirmationLink(token), petitionForPage(slug, locale, `/confirm/${token}`, query)]);

  // Opening the link only reads: a pending signature waits for the person's press of the button
  // (the POST); one already confirmed says so at once, with the signer's share figures.
  const initial: ConfirmState =
    link.status === 'invalid' || link.petition.slug !== petition.slug
      ? { status: 'invalid' }
      : link.status === 'pending'
        ? { status: 'ready' }
        : {
            status: 'already_confirmed',
            title: petition.title,
            slug: petition.slug,
            signatureCount: petition.signatureCount,
            referralCode: link.referral.code,
            referrals: link.referral.count,
          };

  return (
    <div className="container narrow">
      <ConfirmPanel
        petition={{
          title: petition.title,
          slug: petition.slug,
          path: localizedPath(locale, `/p/${petition.slug}`),
          resendAction: resendAction.bind(null, petition.slug),
        }}
        appUrl={getEnv().appUrl}
        locale={locale}
        initial={initial}
        expiryDays={CONFIRMATION_LINK_DAYS}
        confirmAction={confirmAction.bind(null, token)}
      />
    </div>
  );
}
