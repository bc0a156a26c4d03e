import type { Metadata, Viewport } from 'next';
import { ClientMessages } from '@/components/client-messages';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { directionOf, isLocale, locales } from '@/lib/i18n/locales';
// Vazirmatn for Arabic and Persian script, served from this app (no font host). Only its Arabic
// subset, one weight (bold is synthesised: a second file would cost 21 KB of a slow first load),
// and only text marked lang="ar"/"fa" uses it, so English pages never download it.
import '@fontsource/vazirmatn/arabic-400.css';
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

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  // The site chrome lives in (site)/layout.tsx, so the embed can render without it.
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        <ClientMessages>{children}</ClientMessages>
      </body>
    </html>
  );
}
