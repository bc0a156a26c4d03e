'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Link, usePathname } from '@/lib/i18n/navigation';
import { locales } from '@/lib/i18n/locales';

// Each language named in itself ("فارسی", "العربية"), from CLDR: a new catalogue needs no entry here.
const nameOf = (l: string) => new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l;

export function LanguageSwitcher() {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const current = useLocale();
  return (
    <nav aria-label={t('language')} className="language-switcher">
      <ul>
        {locales.map((l) => (
          <li key={l}>
            <Link href={pathname} locale={l} lang={l} hrefLang={l} aria-current={l === current ? 'true' : undefined}>
              {nameOf(l)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
