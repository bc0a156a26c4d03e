import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { directionOf, isLocale, locales } from '@/lib/i18n/locales';
import '../globals.css';

// Only the listed languages exist; any other first segment is a 404, not a page in an unknown locale.
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'meta' });
  return {
    title: { default: `${t('siteName')}: ${t('tagline')}`, template: `%s · ${t('siteName')}` },
    description: t('description'),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b5d4b' };

// Only what client components use is sent to the browser.
const CLIENT_NAMESPACES = ['form', 'validation', 'checkInbox', 'confirm', 'petition', 'errors', 'nav', 'login', 'dashboard', 'editor', 'invites', 'report', 'updates', 'unsubscribe', 'share'] as const;

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const messages = await getMessages();
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]]));
  // The site chrome lives in (site)/layout.tsx, so the embed can render without it.
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
