'use client';

import { Field } from '@/components/field';
import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ResendState, SignFormState } from '@/lib/signatures/form-state';
import { signatureLimits, type FieldErrors, type SignatureField } from '@/lib/signatures/fields';
import { typedLength } from '@/lib/text/normalise';
import { CheckInbox } from './check-inbox';

type Props = {
  action: (prev: SignFormState, form: FormData) => Promise<SignFormState>;
  resendAction: (prev: ResendState, form: FormData) => Promise<ResendState>;
  countries: { code: string; name: string }[];
  locale: string;
  source?: string;
  /** Referral code of the signer whose link brought this visitor. */
  referral?: string;
  resendInterval: number;
  /**
   * Where the form posts itself when JavaScript is off (a route that redirects); without it, the
   * server action answers that post too (the widget, whose framed page cannot be redirected away).
   */
  postWithoutJavaScriptTo?: string;
  /** A refused no-JavaScript submission brought back to the page: its errors and what was typed. */
  initialState?: SignFormState;
};

const FIELD_ORDER: SignatureField[] = ['name', 'email', 'country', 'postcode', 'comment'];

// The validator (the server's zod schema) is fetched when the person starts on the form, not with
// the page: the page stays light on slow connections, and a submit before it arrives is checked by
// the server with the same schema.
type Validate = (form: FormData) => FieldErrors | null;
let validator: Validate | null = null;
let loading: Promise<void> | null = null;
function loadValidator() {
  loading ??= import('@/lib/signatures/validate-form').then(
    (m) => {
      validator = m.validateSignatureForm;
    },
    () => {
      loading = null;
    },
  );
}

export function SignForm({ action, resendAction, countries, locale, source, referral, resendInterval, postWithoutJavaScriptTo, initialState }: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<SignFormState, FormData>(action, initialState ?? { status: 'idle' });
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Counted as the server counts it (lib/text/normalise.ts): code points after normalising, a line
  // break once, though the browser will send it as CRLF.
  const commentLengthOf = (value: string | undefined) => typedLength(value ?? '', { multiline: true });
  const [commentLength, setCommentLength] = useState(() => commentLengthOf(initialState && 'values' in initialState ? initialState.values.comment : undefined));
  const formRef = useRef<HTMLFormElement>(null);

  const serverErrors = state.status === 'invalid' ? state.errors : {};
  const errors: FieldErrors = clientErrors ?? serverErrors;
  const values = state.status === 'invalid' || state.status === 'unavailable' ? state.values : {};

  // After a failed submit, take the person to the first field that needs attention.
  useEffect(() => {
    if (state.status === 'invalid') focusFirstError(formRef.current, state.errors);
  }, [state]);

  if (state.status === 'sent') {
    return <CheckInbox email={state.email} resendInterval={resendInterval} resendAction={resendAction} />;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const found = validator?.(data) ?? null;
    if (!found) {
      setClientErrors(null);
      // The page's form names a plain URL for browsers without JavaScript; here the action answers.
      if (postWithoutJavaScriptTo) {
        event.preventDefault();
        startTransition(() => formAction(data));
      }
      return;
    }
    event.preventDefault();
    setClientErrors(found);
    focusFirstError(event.currentTarget, found);
  }

  const message = (field: SignatureField) =>
    errors[field]?.map((key) => t(`validation.${key}`, { max: (signatureLimits as Record<string, number>)[field] ?? 0 }));

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <form ref={formRef} action={postWithoutJavaScriptTo ?? formAction} method={postWithoutJavaScriptTo ? 'post' : undefined} onSubmit={onSubmit} onFocus={loadValidator} noValidate className="sign-form" aria-labelledby="sign-title">
      <h2 id="sign-title" className="sign-title">{t('form.title')}</h2>
      {hasErrors && (
        <p className="form-alert" role="alert">
          {t('form.errorSummary')}
        </p>
      )}
      {state.status === 'unavailable' && (
        <p className="form-alert" role="alert">
          {t('errors.unavailable')}
        </p>
      )}
      {state.status === 'closed' && (
        <p className="form-alert" role="alert">
          {t('errors.petitionClosed')}
        </p>
      )}

      <Field id="name" label={t('form.name')} errors={message('name')}>
        <input id="name" name="name" type="text" autoComplete="name" dir="auto" required
          maxLength={signatureLimits.name * 2} defaultValue={values.name} {...errorProps('name', errors)} />
      </Field>

      <Field id="email" label={t('form.email')} hint={t('form.emailHint')} errors={message('email')}>
        <input id="email" name="email" type="email" autoComplete="email" inputMode="email" dir="ltr" required
          defaultValue={values.email} {...errorProps('email', errors, true)} />
      </Field>

      <Field id="country" label={t('form.country')} errors={message('country')}>
        <select id="country" name="country" autoComplete="country" required defaultValue={values.country ?? ''}
          {...errorProps('country', errors)}>
          <option value="" disabled>{t('form.chooseCountry')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>{c.name}</option>
          ))}
        </select>
      </Field>

      <Field id="postcode" label={t('form.postcode')} optional={t('form.optional')} errors={message('postcode')}>
        <input id="postcode" name="postcode" type="text" autoComplete="postal-code" dir="auto"
          defaultValue={values.postcode} {...errorProps('postcode', errors)} />
      </Field>

      <Field id="comment" label={t('form.comment')} optional={t('form.optional')} errors={message('comment')}
        hint={t('form.charactersLeft', { count: Math.max(0, signatureLimits.comment - commentLength) })}>
        <textarea id="comment" name="comment" rows={3} dir="auto" defaultValue={values.comment}
          onInput={(e) => setCommentLength(commentLengthOf(e.currentTarget.value))} {...errorProps('comment', errors, true)} />
      </Field>

      <div className="check">
        <input id="showName" name="showName" type="checkbox" defaultChecked={values.showName === 'on'} aria-describedby="showName-hint" />
        <div>
          <label htmlFor="showName">{t('form.showName')}</label>
          <span id="showName-hint" className="hint">{t('form.showNameHint')}</span>
        </div>
      </div>
      <div className="check">
        <input id="updates" name="updates" type="checkbox" defaultChecked={values.updates === 'on'} />
        <label htmlFor="updates">{t('form.updates')}</label>
      </div>

      {/* For bots only: hidden from people and screen readers, skipped by the keyboard. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>

      <input type="hidden" name="locale" value={locale} />
      {source && <input type="hidden" name="source" value={source} />}
      {referral && <input type="hidden" name="ref" value={referral} />}

      <button type="submit" className="button button-primary button-block" disabled={pending} aria-disabled={pending}>
        {pending ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

function errorProps(field: SignatureField, errors: FieldErrors, withHint = false) {
  const invalid = Boolean(errors[field]?.length);
  const describedBy = [withHint || field === 'comment' ? `${field}-hint` : null, invalid ? `${field}-error` : null]
    .filter(Boolean)
    .join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined };
}

function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = FIELD_ORDER.find((f) => errors[f]?.length);
  if (first) (form?.elements.namedItem(first) as HTMLElement | null)?.focus();
}
