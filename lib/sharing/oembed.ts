import { isLocale, defaultLocale, type Locale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { escapeHtml as escapeAttribute } from '@/lib/text/escape-html';

export const EMBED_WIDTH = 560;
export const EMBED_HEIGHT = 640;

export type OembedRich = {
  version: '1.0';
  type: 'rich';
  provider_name: string;
  provider_url: string;
  title: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
};

/** The petition a URL of this site points at (any of its pages), or null for anything else. */
export function petitionFromUrl(raw: string, appUrl: string): { slug: string; locale: Locale } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== new URL(appUrl).origin) return null;
  const match = /^(?:\/([a-z]{2}))?\/p\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|$)/.exec(url.pathname);
  if (!match) return null;
  const locale = match[1] ?? defaultLocale;
  return isLocale(locale) ? { slug: match[2]!, locale } : null;
}

/**
 * The oEmbed "rich" answer for a petition: an iframe of the widget plus the loader that sizes it.
 * Honours the consumer's maxwidth/maxheight; escapes the title, so a CMS can paste the HTML as is.
 */
export function oembedFor(p: { slug: string; title: string; locale: string }, appUrl: string, max: { width?: number; height?: number } = {}): OembedRich {
  const width = Math.max(240, Math.min(EMBED_WIDTH, max.width ?? EMBED_WIDTH));
  const height = Math.max(240, Math.min(EMBED_HEIGHT, max.height ?? EMBED_HEIGHT));
  const src = `${appUrl}${localizedPath(p.locale, `/p/${p.slug}/embed`)}`;
  const html =
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(p.title)}" width="${width}" height="${height}" ` +
    `style="border:0;max-width:100%" loading="lazy" data-undersign-embed></iframe>` +
    `<script async src="${escapeAttribute(appUrl)}/embed.js"></script>`;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: 'Undersign',
    provider_url: appUrl,
    title: p.title,
    html,
    width,
    height,
    cache_age: 3600,
  };
}
