import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { getCurrentOrganiser } from '@/lib/auth/session';
import { localizedPath } from '@/lib/i18n/paths';
import { safeLocalPath } from '@/lib/security/paths';
import { requestLoginAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

export default async function LoginPage({ params, searchParams }: PageProps<'/[locale]/login'>) {
  const [{ locale }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const next = safeLocalPath(query.next);
  if (await getCurrentOrganiser()) redirect(localizedPath(locale, next));
  const t = await getTranslations('login');
  return (
    <div className="container narrow">
      <section className="panel">
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <LoginForm action={requestLoginAction} next={next} />
      </section>
    </div>
  );
}
