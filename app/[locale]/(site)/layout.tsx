import { getTranslations } from 'next-intl/server';
import { PlainLink } from '@/components/plain-link';
import { SiteHeader } from '@/components/site-header';
import { signOutAction } from './login/actions';

export default async function SiteLayout({ children }: LayoutProps<'/[locale]'>) {
  const t = await getTranslations('nav');
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skip')}
      </a>
      <SiteHeader signOut={signOutAction} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          {t('footer')} <PlainLink href="/privacy">{t('privacy')}</PlainLink>
        </div>
      </footer>
    </>
  );
}
