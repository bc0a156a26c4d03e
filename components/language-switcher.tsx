'use client';

import { useLocale, useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { defaultLocale, locales } from '@/lib/i18n/locales';

// Each language named in itself ("فارسی", "العربية"), from CLDR: a new catalogue needs no entry here.
const nameOf = (l: string) => new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l;

const prefix = new RegExp(`^/(${locales.filter((l) => l !== defaultLocale).join('|')})(?=/|$)`);

/**
 * Links to this page in every interface language: plain links, prefixed even for English, so the
 * proxy records the choice in next-intl's cookie (and drops the /en prefix with a redirect).
 * Without the prefix, an earlier choice of Arabic in the cookie would send the reader back to it.
 */
export function LanguageSwitcher() {
  const t = useTranslations('nav');
  const current = useLocale();
  const path = (usePathname() ?? '/').replace(prefix, '') || '/';
  return (
    <nav aria-label={t('language')} className="language-switcher">
      <ul>
        {locales.map((l) => (
          <li key={l}>
            <a href={path === '/' ? `/${l}` : `/${l}${path}`} lang={l} hrefLang={l} aria-current={l === current ? 'true' : undefined}>
              {nameOf(l)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
