'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import type { ResendState } from '@/lib/signatures/form-state';

/** Shown after every sign attempt alike, so the page never tells who has already signed. */
export function CheckInbox({ email, resendAction }: { email: string; resendAction: (prev: ResendState, form: FormData) => Promise<ResendState> }) {
  const t = useTranslations('checkInbox');
  const [state, formAction, pending] = useActionState<ResendState, FormData>(resendAction, { status: 'idle' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const [before, after] = t('body', { email: '\u0000' }).split('\u0000');
  return (
    <section className="check-inbox" aria-labelledby="check-inbox-title">
      <svg className="check-inbox-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="4" y="10" width="40" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M6 13l18 14 18-14" fill="none" stroke="currentColor" strokeWidth="3" />
      </svg>
      <h2 id="check-inbox-title" ref={headingRef} tabIndex={-1}>{t('title')}</h2>
      <p>
        {before}
        <strong><bdi dir="ltr">{email}</bdi></strong>
        {after}
      </p>
      <p className="hint">{t('notArrived')}</p>
      <form action={formAction}>
        <input type="hidden" name="email" value={email} />
        <button type="submit" className="button button-secondary" disabled={pending}>{t('resend')}</button>
      </form>
      <p role="status" className="status">{state.status === 'resent' ? t('resent') : ''}</p>
    </section>
  );
}
