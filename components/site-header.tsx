import { getTranslations } from 'next-intl/server';
import { getCurrentOrganiser } from '@/lib/auth/session';
import { PlainLink as Link } from '@/components/plain-link';
import { LanguageSwitcher } from './language-switcher';

/** The site's header; `signOut` is the server action that ends the session (passed in: components import nothing from app/). */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const [t, organiser] = await Promise.all([getTranslations(), getCurrentOrganiser()]);
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link href="/" className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#0b5d4b" />
            <path d="M8 17l5 5 11-12" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>{t('meta.siteName')}</span>
        </Link>
        <nav aria-label={t('nav.home')} className="main-nav">
          <Link href="/">{t('nav.home')}</Link>
          {organiser ? <Link href="/dashboard">{t('nav.dashboard')}</Link> : <Link href="/login">{t('nav.start')}</Link>}
          {organiser?.isAdmin && <Link href="/admin/reports">{t('nav.reports')}</Link>}
          {organiser?.isAdmin && <Link href="/admin/abuse">{t('nav.abuse')}</Link>}
        </nav>
        {organiser && (
          <form action={signOut}>
            <button type="submit" className="link-button">
              {t('nav.signOut')}
            </button>
          </form>
        )}
        <LanguageSwitcher />
      </div>
    </header>
  );
}
