import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import { LanguageSwitcher } from './language-switcher';

export async function SiteHeader() {
  const t = await getTranslations();
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
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}
