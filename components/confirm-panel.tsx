'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import type { ConfirmState, ResendState } from '@/lib/signatures/form-state';
import { localizedPath } from '@/lib/i18n/paths';
import { SharePanel } from './share-panel';

/**
 * `petition` is null on the address that names no petition (`/confirm/<token>`, at-risk emails) when the
 * token no longer says which one it was: after the confirming POST without JavaScript (an at-risk
 * confirmation removes the links), the page is rendered again and shows the action's answer, which names it.
 */
type Props = {
  petition: { title: string; slug: string; path: string; resendAction: (prev: ResendState, form: FormData) => Promise<ResendState> } | null;
  appUrl: string;
  locale: string;
  initial: ConfirmState;
  expiryDays: number;
  confirmAction: (prev: ConfirmState, form: FormData) => Promise<ConfirmState>;
};

export function ConfirmPanel({ petition, appUrl, locale, initial, expiryDays, confirmAction }: Props) {
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
    // The title in the page's language when the page knows the petition; else the action's (its original).
    const title = petition?.title ?? state.title;
    const slug = petition?.slug ?? state.slug;
    const petitionPath = petition?.path ?? localizedPath(locale, `/p/${state.slug}`);
    return (
      <section className="panel confirm-done" aria-labelledby="confirm-title">
        <h1 id="confirm-title" ref={headingRef} tabIndex={-1}>
          {done ? t('confirm.thanksTitle') : t('confirm.alreadyTitle')}
        </h1>
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
    if (!petition)
      return (
        <section className="panel" aria-labelledby="confirm-title">
          <h1 id="confirm-title" ref={headingRef} tabIndex={-1}>
            {t('confirm.invalidTitle')}
          </h1>
          <p>{t('confirm.invalidNeutralBody', { days: expiryDays })}</p>
        </section>
      );
    return <InvalidLink expiryDays={expiryDays} petitionPath={petition.path} resendAction={petition.resendAction} />;
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
      {petition && <p className="muted">{t('confirm.intro', { title: petition.title })}</p>}
    </section>
  );
}

function InvalidLink({
  expiryDays,
  petitionPath,
  resendAction,
}: {
  expiryDays: number;
  petitionPath: string;
  resendAction: NonNullable<Props['petition']>['resendAction'];
}) {
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
