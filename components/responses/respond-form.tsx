'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { ResponseFormState } from '@/lib/responses/action-state';
import { responseLimits } from '@/lib/responses/schemas';

/** The target's response form: text and an optional source link; one button POSTs it. */
export function RespondForm({ action }: { action: (prev: ResponseFormState, form: FormData) => Promise<ResponseFormState> }) {
  const t = useTranslations('responses');
  const [state, formAction, pending] = useActionState<ResponseFormState, FormData>(action, { status: 'idle' });
  if (state.status === 'done') return <p role="status">{t('respondSent')}</p>;
  if (state.status === 'used') return <p role="status">{t('respondUsed')}</p>;
  const errors = state.status === 'invalid' ? state.errors : {};
  const values = state.status === 'invalid' ? state.values : {};
  const err = (f: string) => errors[f]?.map((k) => t(`errors.${k}`)).join(' ');
  return (
    <form action={formAction} className="stack-form" noValidate>
      <label htmlFor="response-body">{t('respondBody')}</label>
      <textarea
        id="response-body"
        name="body"
        rows={8}
        dir="auto"
        required
        maxLength={responseLimits.body * 2}
        defaultValue={values.body}
        aria-invalid={errors.body ? true : undefined}
        aria-describedby={errors.body ? 'response-body-error' : undefined}
      />
      {errors.body && (
        <p id="response-body-error" className="field-error">
          {err('body')}
        </p>
      )}
      <label htmlFor="response-source">{t('respondSource')}</label>
      <input
        id="response-source"
        name="sourceUrl"
        type="url"
        dir="ltr"
        defaultValue={values.sourceUrl}
        aria-invalid={errors.sourceUrl ? true : undefined}
        aria-describedby={errors.sourceUrl ? 'response-source-error' : undefined}
      />
      {errors.sourceUrl && (
        <p id="response-source-error" className="field-error">
          {err('sourceUrl')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        {t('respondSend')}
      </button>
    </form>
  );
}
