'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/field';
import type { SecretFormState } from '@/lib/integrations/action-state';
import { EVENT_LABELS, EVENT_TYPES } from '@/lib/integrations/event-types';
import { integrationLimits } from '@/lib/integrations/schemas';

type Action = (prev: SecretFormState, form: FormData) => Promise<SecretFormState>;

/** The secret or key an action returned, shown this once, or what went wrong. */
function Outcome({ state, onceKey }: { state: SecretFormState; onceKey: 'secretOnce' | 'apiKeyOnce' }) {
  const t = useTranslations('integrations');
  const td = useTranslations('dashboard');
  if (state.status === 'done' && state.secret)
    return (
      <div className="notice" role="status">
        <p>{t(onceKey)}</p>
        <p dir="ltr">
          <code className="secret">{state.secret}</code>
        </p>
      </div>
    );
  if (state.status === 'done') return <p role="status">{t('saved')}</p>;
  if (state.status === 'too_many')
    return (
      <p role="alert" className="field-error">
        {t('errors.tooMany')}
      </p>
    );
  if (state.status === 'not_found')
    return (
      <p role="alert" className="field-error">
        {td('errors.notAllowed')}
      </p>
    );
  if (state.status === 'signed_out')
    return (
      <p role="alert" className="field-error">
        {td('errors.signedOut')}
      </p>
    );
  return null;
}

const errorsOf = (state: SecretFormState, field: string, t: (k: string) => string) =>
  state.status === 'invalid' ? (state.errors[field] ?? []).map((k) => t(`errors.${k}`)) : undefined;

/** Adds a webhook endpoint: its https address and the events it wants; shows the signing secret once. */
export function WebhookForm({ action, slug }: { action: Action; slug: string }) {
  const t = useTranslations('integrations');
  const [state, formAction, pending] = useActionState<SecretFormState, FormData>(action, { status: 'idle' });
  const urlErrors = errorsOf(state, 'url', t);
  const eventErrors = errorsOf(state, 'events', t);
  return (
    <form action={formAction} className="stack-form">
      <input type="hidden" name="slug" value={slug} />
      <Field id="webhook-url" label={t('url')} hint={t('urlHint')} errors={urlErrors}>
        <input
          id="webhook-url"
          name="url"
          type="url"
          dir="ltr"
          required
          maxLength={integrationLimits.url}
          aria-describedby={urlErrors?.length ? 'webhook-url-hint webhook-url-error' : 'webhook-url-hint'}
          aria-invalid={urlErrors?.length ? true : undefined}
        />
      </Field>
      <fieldset aria-describedby={eventErrors?.length ? 'webhook-events-error' : undefined}>
        <legend>{t('events')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" name="events" value={type} defaultChecked={type === 'signature.confirmed'} /> <span>{t(EVENT_LABELS[type])}</span>{' '}
            <code dir="ltr">{type}</code>
          </label>
        ))}
        {eventErrors?.length ? (
          <p id="webhook-events-error" className="field-error">
            {eventErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {t('add')}
      </button>
      <Outcome state={state} onceKey="secretOnce" />
    </form>
  );
}

/** A new signing secret for one endpoint, shown once. */
export function RotateSecretForm({ action, slug, endpointId }: { action: Action; slug: string; endpointId: string }) {
  const t = useTranslations('integrations');
  const [state, formAction, pending] = useActionState<SecretFormState, FormData>(action, { status: 'idle' });
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={endpointId} />
      <button type="submit" className="button button-secondary" disabled={pending}>
        {t('rotate')}
      </button>
      <Outcome state={state} onceKey="secretOnce" />
    </form>
  );
}

/** Connects the petition to an Action Network petition with the organiser's API key. */
export function ActionNetworkForm({ action, slug }: { action: Action; slug: string }) {
  const t = useTranslations('integrations');
  const [state, formAction, pending] = useActionState<SecretFormState, FormData>(action, { status: 'idle' });
  const idErrors = errorsOf(state, 'petitionId', t);
  const keyErrors = errorsOf(state, 'apiKey', t);
  return (
    <form action={formAction} className="stack-form">
      <input type="hidden" name="slug" value={slug} />
      <Field id="an-petition" label={t('anPetition')} errors={idErrors}>
        <input id="an-petition" name="petitionId" dir="ltr" required maxLength={integrationLimits.url} aria-invalid={idErrors?.length ? true : undefined} />
      </Field>
      <Field id="an-key" label={t('anKey')} errors={keyErrors}>
        <input
          id="an-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          dir="ltr"
          required
          maxLength={integrationLimits.actionNetworkKey}
          aria-invalid={keyErrors?.length ? true : undefined}
        />
      </Field>
      <button type="submit" className="button" disabled={pending}>
        {t('anConnect')}
      </button>
      <Outcome state={state} onceKey="secretOnce" />
    </form>
  );
}

/** Creates an API key; shows it once. */
export function ApiKeyForm({ action }: { action: Action }) {
  const t = useTranslations('integrations');
  const [state, formAction, pending] = useActionState<SecretFormState, FormData>(action, { status: 'idle' });
  const nameErrors = errorsOf(state, 'name', t);
  return (
    <form action={formAction} className="stack-form">
      <Field id="api-key-name" label={t('apiKeyName')} errors={nameErrors}>
        <input id="api-key-name" name="name" dir="auto" required maxLength={160} aria-invalid={nameErrors?.length ? true : undefined} />
      </Field>
      <button type="submit" className="button" disabled={pending}>
        {t('apiKeyCreate')}
      </button>
      <Outcome state={state} onceKey="apiKeyOnce" />
    </form>
  );
}
