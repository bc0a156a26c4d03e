'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import type { ConfirmState, ResendState } from '@/lib/signatures/form-state';
import { SharePanel } from './share-panel';

type Props = {
  title: string;
  appUrl: string;
  slug: string;
  locale: string;
  petitionPath: string;
  initial: ConfirmState;
  expiryDays: number;
  confirmAction: (prev: ConfirmState, form: FormData) => Promise<ConfirmState>;
  resendAction: (prev: ResendState, form: FormData) => Promise<ResendState>;
};

export function ConfirmPanel({ title, appUrl, slug, locale, petitionPath, initial, expiryDays, confirmAction, resendAction }: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(confirmAction, initial);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Only the person confirms: the page never presses its own button. Mail filters open links in
  // script-running browsers before the person sees the email, so a page that submitted itself on
  // load would confirm for them.
  useEffect(() => {
    if (state.status !== 'ready') headingRef.current?.focus();
  }, [state.status]);

  if (state.status === 'confirmed' || state.status === 'already_confirmed') {
    const done = state.status === 'confirmed';
    return (
      <section className="panel confirm-done" aria-labelledby="confirm-title">
        <h1 id="confirm-title" ref={headingRef} tabIndex={-1}>
          {done ? t('confirm.thanksTitle') : t('confirm.alreadyTitle')}
        </h1>
        {/* The title in the page's language (the prop): the action's state carries the petition's original one. */}
        <p>{done ? t('confirm.thanksBody', { title, count: state.signatureCount }) : t('confirm.alreadyBody', { title })}</p>
        {/* An at-risk petition gives no referral code: its links credit no one, and nobody is counted through them. */}
        {state.referralCode !== null && (
          <p className="referrals" role="status">
            {t('share.referrals', { count: state.referrals })}
          </p>
        )}
        <h2 className="card-title">{t('share.title')}</h2>
        <SharePanel appUrl={appUrl} slug={slug} title={title} locale={locale} referralCode={state.referralCode ?? undefined} />
        <p>
          <a href={petitionPath}>{t('confirm.backToPetition')}</a>
        </p>
      </section>
    );
  }

  if (state.status === 'invalid') {
    return <InvalidLink expiryDays={expiryDays} petitionPath={petitionPath} resendAction={resendAction} />;
  }

  // One button, first on the screen of a phone: a short heading, why a press is needed, the button;
  // the petition's (possibly long) title comes after it.
  return (
    <section className="panel press-to-continue" aria-labelledby="confirm-title">
      <h1 id="confirm-title" ref={headingRef} tabIndex={-1}>
        {t('confirm.title')}
      </h1>
      {state.status === 'unavailable' && (
        <p className="form-alert" role="alert">
          {t('errors.unavailable')}
        </p>
      )}
      <p id="confirm-why">{t('confirm.why')}</p>
      <form action={formAction}>
        <button type="submit" className="button button-primary button-block" disabled={pending} aria-describedby="confirm-why">
          {pending ? t('confirm.confirming') : t('confirm.button')}
        </button>
      </form>
      <p className="muted">{t('confirm.intro', { title })}</p>
    </section>
  );
}

function InvalidLink({ expiryDays, petitionPath, resendAction }: { expiryDays: number; petitionPath: string; resendAction: Props['resendAction'] }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ResendState, FormData>(resendAction, { status: 'idle' });
  return (
    <section className="panel" aria-labelledby="confirm-title">
      <h1 id="confirm-title" tabIndex={-1}>
        {t('confirm.invalidTitle')}
      </h1>
      <p>{t('confirm.invalidBody', { days: expiryDays })}</p>
      <form action={formAction} className="inline-form">
        <div className="field">
          <label htmlFor="resend-email">{t('form.email')}</label>
          <input id="resend-email" name="email" type="email" autoComplete="email" dir="ltr" required />
        </div>
        <button type="submit" className="button button-secondary" disabled={pending}>
          {t('confirm.requestNew')}
        </button>
      </form>
      <p role="status" className="status">
        {state.status === 'resent' ? t('checkInbox.resent') : ''}
      </p>
      <p>
        <a href={petitionPath}>{t('confirm.backToPetition')}</a>
      </p>
    </section>
  );
}
