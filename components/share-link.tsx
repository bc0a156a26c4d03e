'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';

// Whether the browser can share never changes while the page is open: nothing to subscribe to.
const noChange = () => () => {};

/** The petition link with a copy button; works as a selectable field without JavaScript. */
export function ShareLink({ url, title }: { url: string; title: string }) {
  const t = useTranslations('petition');
  const [copied, setCopied] = useState(false);
  // Known in the browser only: the server's HTML (and the hydration) has no share button.
  const canShare = useSyncExternalStore(
    noChange,
    () => 'share' in navigator,
    () => false,
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="share">
      <label htmlFor="share-url" className="share-label">
        {t('linkLabel')}
      </label>
      <div className="share-row">
        <input id="share-url" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button-secondary" onClick={copy}>
          {t('copyLink')}
        </button>
        {canShare && (
          <button type="button" className="button button-secondary" onClick={() => navigator.share({ url, title }).catch(() => {})}>
            {t('shareTitle')}
          </button>
        )}
      </div>
      <p role="status" className="status">
        {copied ? t('copied') : ''}
      </p>
    </div>
  );
}
