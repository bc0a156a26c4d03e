'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import type { ResendState } from '@/lib/signatures/form-state';

type Props = {
  /**
   * The address the email went to, named so a typo shows; without it (the "check your inbox" page
   * reloaded or opened from elsewhere) the person types it to resend.
   */
  email?: string;
  /** "Wrong address? Correct it": back to the form, as a link (no JavaScript) or in place. */
  correctHref?: string;
  onCorrect?: () => void;
  resendInterval: number;
  resendAction: (prev: ResendState, form: FormData) => Promise<ResendState>;
};

/** Shown after every sign attempt alike, so the page never tells who has already signed. */
export function CheckInbox({ email, correctHref, onCorrect, resendInterval, resendAction }: Props) {
  const t = useTranslations('checkInbox');
  const [state, formAction, pending] = useActionState<ResendState, FormData>(resendAction, { status: 'idle' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The server refuses resends inside the interval; counting down says so before anyone clicks.
  // It starts once the page runs (a page without JavaScript keeps the button usable; the server
  // still enforces the interval).
  const [wait, setWait] = useState(0);
  useEffect(() => headingRef.current?.focus(), []);
  // Restarted by every answer to a resend: resendInterval, then one less each second, down to 0.
  useEffect(() => {
    let left = resendInterval;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setWait(left);
      if (left-- > 0) timer = setTimeout(tick, 1000);
    };
    timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  }, [state, resendInterval]);

  const [before, after] = email ? t('body', { email: '\u0000' }).split('\u0000') : [t('bodyNoAddress'), ''];
  return (
    <section className="check-inbox" aria-labelledby="check-inbox-title">
      <svg className="check-inbox-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="4" y="10" width="40" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M6 13l18 14 18-14" fill="none" stroke="currentColor" strokeWidth="3" />
      </svg>
      <h2 id="check-inbox-title" ref={headingRef} tabIndex={-1}>
        {t('title')}
      </h2>
      <p>
        {before}
        {email && (
          <strong>
            <bdi dir="ltr">{email}</bdi>
          </strong>
        )}
        {after}
      </p>
      {email && (onCorrect || correctHref) && (
        <p>
          {onCorrect ? (
            <button type="button" className="link-button check-inbox-correct" onClick={onCorrect}>
              {t('correct')}
            </button>
          ) : (
            <a href={correctHref}>{t('correct')}</a>
          )}
        </p>
      )}
      <p className="hint">{t('notArrived')}</p>
      <form action={formAction}>
        {email ? (
          <input type="hidden" name="email" value={email} />
        ) : (
          <p className="resend-field">
            <label htmlFor="resend-email">{t('emailLabel')}</label>
            <input id="resend-email" name="email" type="email" autoComplete="email" dir="ltr" required maxLength={254} />
          </p>
        )}
        <button type="submit" className="button button-secondary" disabled={pending || wait > 0}>
          {t('resend')}
        </button>
      </form>
      {wait > 0 && (
        <p className="hint" aria-hidden="true">
          {t('wait', { seconds: wait })}
        </p>
      )}
      <p role="status" className="status">
        {state.status === 'resent' ? t('resent', { seconds: resendInterval }) : ''}
      </p>
    </section>
  );
}
