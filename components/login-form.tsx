'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { LoginState } from '@/lib/auth/action-states';

export function LoginForm({ action, next }: { action: (prev: LoginState, form: FormData) => Promise<LoginState>; next: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<LoginState, FormData>(action, { status: 'idle' });
  if (state.status === 'sent') {
    return (
      <div role="status">
        <h2>{t('checkInbox.title')}</h2>
        <p>{t('login.sent', { email: state.email })}</p>
      </div>
    );
  }
  const error = state.status === 'invalid' ? t(`validation.${state.error}`, { max: 254 }) : null;
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="next" value={next} />
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor="login-email">{t('form.email')}</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="email"
          dir="ltr"
          required
          defaultValue={state.status === 'invalid' ? state.email : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-email-error' : 'login-email-hint'}
        />
        <p id="login-email-hint" className="hint">
          {t('login.hint')}
        </p>
        {error && (
          <p id="login-email-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {t('login.submit')}
      </button>
    </form>
  );
}
