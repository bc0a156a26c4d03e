import { localizedPath } from '@/lib/i18n/paths';

export const shareChannels = ['whatsapp', 'telegram', 'x', 'facebook', 'email', 'sms'] as const;
export type ShareChannel = (typeof shareChannels)[number];

/**
 * The petition's address as shared on one channel: `?source=` attributes the signatures it brings,
 * `&ref=` credits the signer who shared it.
 */
export function petitionShareUrl(appUrl: string, slug: string, opts: { locale?: string; source?: string; ref?: string } = {}): string {
  const url = new URL(appUrl + localizedPath(opts.locale ?? 'en', `/p/${slug}`));
  if (opts.source) url.searchParams.set('source', opts.source);
  if (opts.ref) url.searchParams.set('ref', opts.ref);
  return url.toString();
}

/**
 * Plain links that open each app's own share screen: they work without JavaScript and load nothing
 * from those companies until someone clicks one.
 */
export function shareLinks(opts: { appUrl: string; slug: string; title: string; locale?: string; ref?: string }): { channel: ShareChannel; href: string }[] {
  const url = (source: ShareChannel) => petitionShareUrl(opts.appUrl, opts.slug, { locale: opts.locale, source, ref: opts.ref });
  const e = encodeURIComponent;
  return [
    { channel: 'whatsapp', href: `https://wa.me/?text=${e(`${opts.title}\n${url('whatsapp')}`)}` },
    { channel: 'telegram', href: `https://t.me/share/url?url=${e(url('telegram'))}&text=${e(opts.title)}` },
    { channel: 'x', href: `https://x.com/intent/post?text=${e(opts.title)}&url=${e(url('x'))}` },
    { channel: 'facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${e(url('facebook'))}` },
    { channel: 'email', href: `mailto:?subject=${e(opts.title)}&body=${e(`${opts.title}\n\n${url('email')}`)}` },
    { channel: 'sms', href: `sms:?&body=${e(`${opts.title} ${url('sms')}`)}` },
  ];
}

/** A referral code from a link, if it has the shape the app gives them. */
export function referralCodeFrom(value: unknown): string | undefined {
  // 16 hex characters (64 bits: no collision among hundreds of millions of signers); 10 for early codes.
  return typeof value === 'string' && /^(?:[a-f0-9]{10}|[a-f0-9]{16})$/.test(value) ? value : undefined;
}
