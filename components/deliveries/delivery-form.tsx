'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import type { DeliveryFormState } from '@/lib/deliveries/action-state';
import { deliveryLimits } from '@/lib/deliveries/schemas';
import '../targets/targets.css';

type Target = { id: string; name: string; role: string; hasEmail: boolean; language: string };

/**
 * The organiser's delivery form: to every emailed target, to chosen ones, or a test to themselves,
 * with a message. Works without JavaScript (radio buttons and checkboxes); keeps the typed message
 * when refused.
 */
export function DeliveryForm({
  action,
  slug,
  targets,
  organiserEmail,
}: {
  action: (prev: DeliveryFormState, form: FormData) => Promise<DeliveryFormState>;
  slug: string;
  targets: Target[];
  organiserEmail: string;
}) {
  const t = useTranslations('deliveries');
  const td = useTranslations('dashboard');
  const [state, formAction, pending] = useActionState<DeliveryFormState, FormData>(action, { status: 'idle' });
  const [mode, setMode] = useState('test');
  const errors = state.status === 'invalid' ? state.errors : {};
  const err = (field: string) => errors[field]?.map((k) => t(`errors.${k}`)).join(' ');
  const message =
    state.status === 'queued'
      ? t('queued', { recipients: state.recipients })
      : state.status === 'no_recipients'
        ? t('noRecipients')
        : state.status === 'too_many'
          ? t('tooMany', { max: deliveryLimits.perDay })
          : state.status === 'not_found'
            ? td('errors.notAllowed')
            : state.status === 'signed_out'
              ? td('errors.signedOut')
              : state.status === 'invalid'
                ? Object.keys(errors)
                    .map((f) => err(f))
                    .join(' ')
                : '';
  // Controlled, so the message survives React resetting the form after each delivery: a test first,
  // then the real one with the same words.
  // Without JavaScript the page is rendered afresh with the action's state: start from what was typed.
  const [text, setText] = useState(() => (state.status === 'invalid' || state.status === 'no_recipients' || state.status === 'too_many' ? state.message : ''));

  return (
    <form action={formAction} className="stack-form delivery-form">
      <input type="hidden" name="slug" value={slug} />
      <fieldset>
        <legend>{t('mode')}</legend>
        <label className="check">
          <input type="radio" name="mode" value="test" checked={mode === 'test'} onChange={() => setMode('test')} />{' '}
          <span>{t('modeTest', { email: organiserEmail })}</span>
        </label>
        <label className="check">
          <input type="radio" name="mode" value="all" checked={mode === 'all'} onChange={() => setMode('all')} /> <span>{t('modeAll')}</span>
        </label>
        <label className="check">
          <input type="radio" name="mode" value="chosen" checked={mode === 'chosen'} onChange={() => setMode('chosen')} /> <span>{t('modeChosen')}</span>
        </label>
      </fieldset>
      <fieldset aria-describedby={errors.targets ? 'delivery-targets-error' : undefined}>
        <legend>{t('chosenLegend')}</legend>
        {targets.map((target) => (
          <label key={target.id} className="check">
            <input type="checkbox" name="targets" value={target.id} disabled={!target.hasEmail} />{' '}
            <span>
              <bdi lang={target.language}>{target.name}</bdi>
              {target.role && (
                <>
                  {' '}
                  (<bdi lang={target.language}>{target.role}</bdi>)
                </>
              )}
              {!target.hasEmail && <span className="muted"> — {t('noEmail')}</span>}
            </span>
          </label>
        ))}
        {errors.targets && (
          <p id="delivery-targets-error" className="field-error">
            {err('targets')}
          </p>
        )}
      </fieldset>
      <label htmlFor="delivery-message">{t('message')}</label>
      <textarea
        id="delivery-message"
        name="message"
        rows={5}
        dir="auto"
        maxLength={deliveryLimits.message * 2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={errors.message ? true : undefined}
      />
      <button type="submit" className="button button-primary" disabled={pending}>
        {t('send')}
      </button>
      <p role="status" className={state.status === 'queued' ? 'status' : 'status status-error'}>
        {message}
      </p>
    </form>
  );
}
