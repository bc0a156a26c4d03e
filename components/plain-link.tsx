import { getLocale } from 'next-intl/server';
import type { AnchorHTMLAttributes } from 'react';
import { localizedPath } from '@/lib/i18n/paths';

/**
 * A link to a page of this site in the current language, as a plain <a>. Public pages use it
 * instead of the client-side Link: no router code or prefetches in a supporter's first load
 * (the page budget is 150 KB), and every page works the same with JavaScript off.
 */
export async function PlainLink({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={localizedPath(await getLocale(), href)} {...rest} />;
}
