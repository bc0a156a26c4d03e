import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AcceptInvite } from '@/components/accept-invite';
import { getCurrentOrganiser } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/navigation';
import { acceptInviteAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false }, referrer: 'same-origin' };

export default async function InvitePage({ params }: PageProps<'/[locale]/invites/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const [t, actor] = await Promise.all([getTranslations('invites'), getCurrentOrganiser()]);
  return (
    <div className="container narrow">
      <section className="panel">
        <h1>{t('title')}</h1>
        {actor ? (
          <AcceptInvite action={acceptInviteAction.bind(null, token)} />
        ) : (
          <>
            <p>{t('signInFirst')}</p>
            <p>
              <Link href={`/login?next=${encodeURIComponent(`/invites/${token}`)}`} className="button button-primary">
                {t('signIn')}
              </Link>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
