import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SignInButton } from '@/components/sign-in-button';
import { safeLocalPath } from '@/lib/security/paths';
import { signInAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false }, referrer: 'same-origin' };

/** Opening the emailed link changes nothing (mail filters open links too); only the person's press of the button signs in. */
export default async function SignInPage({ params, searchParams }: PageProps<'/[locale]/login/[token]'>) {
  const [{ locale, token }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const t = await getTranslations('login');
  return (
    <div className="container narrow">
      <section className="panel press-to-continue">
        <h1>{t('signInTitle')}</h1>
        <SignInButton action={signInAction.bind(null, token, safeLocalPath(query.next))} />
      </section>
    </div>
  );
}
