'use client';

import { useTranslations } from 'next-intl';
import { petitionShareUrl, shareLinks } from '@/lib/sharing/share-links';
import { ShareLink } from './share-link';

type Props = { appUrl: string; slug: string; title: string; locale: string; referralCode?: string };

/** Copy link, the device's share sheet, and plain links for each app, each tagged with its channel (and the signer's code). */
export function SharePanel({ appUrl, slug, title, locale, referralCode }: Props) {
  const t = useTranslations('share');
  const links = shareLinks({ appUrl, slug, title, locale, ref: referralCode });
  return (
    <div className="share-panel">
      <ShareLink url={petitionShareUrl(appUrl, slug, { locale, ref: referralCode })} title={title} />
      <ul className="share-channels">
        {links.map(({ channel, href }) => (
          <li key={channel}>
            <a href={href} className={`share-channel share-${channel}`} target="_blank" rel="noopener noreferrer nofollow">
              {t(channel)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
