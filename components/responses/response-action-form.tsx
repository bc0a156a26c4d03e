'use client';

import { useTranslations } from 'next-intl';
import { useActionState, type ReactNode } from 'react';
import type { ResponseFormState } from '@/lib/responses/action-state';

/**
 * A dashboard form about responses or outcomes: its fields (given the values kept from a refused
 * submission), its buttons, and the outcome announced beside them.
 */
export function ResponseActionForm({
  action,
  hidden,
  doneMessage,
  children,
  buttons,
}: {
  action: (prev: ResponseFormState, form: FormData) => Promise<ResponseFormState>;
  hidden: Record<string, string>;
  doneMessage: string;
  children?: (kept: Record<string, string>, errorOf: (field: string) => string | undefined) => ReactNode;
  buttons: ReactNode;
}) {
  const t = useTranslations('responses');
  const td = useTranslations('dashboard');
  const [state, formAction, pending] = useActionState<ResponseFormState, FormData>(action, { status: 'idle' });
  const errors = state.status === 'invalid' ? state.errors : {};
  const kept = state.status === 'invalid' ? state.values : {};
  const errorOf = (f: string) => errors[f]?.map((k) => t(`errors.${k}`)).join(' ');
  const message =
    state.status === 'done'
      ? doneMessage
      : state.status === 'invalid'
        ? Object.keys(errors).map(errorOf).join(' ')
        : state.status === 'not_found'
          ? td('errors.notAllowed')
          : state.status === 'signed_out'
            ? td('errors.signedOut')
            : '';
  return (
    <form action={formAction} className="stack-form">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children?.(kept, errorOf)}
      <fieldset className="button-row" disabled={pending}>
        {buttons}
      </fieldset>
      <p role="status" className={state.status === 'done' ? 'status' : 'status status-error'}>
        {message}
      </p>
    </form>
  );
}
