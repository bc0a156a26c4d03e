'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, type FormEvent, type ReactNode } from 'react';
import type { DashboardActionState } from '@/lib/organisers/action-state';

/** A dashboard server action, passed down by the page (components never import from app/). */
export type DashboardAction = (prev: DashboardActionState, form: FormData) => Promise<DashboardActionState>;

type Props = {
  action: DashboardAction;
  hidden: Record<string, string>;
  submitLabel: string;
  doneMessage: string;
  children?: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  multipart?: boolean;
  className?: string;
  /** Keep what was typed after the action answers (React resets a form's fields once its action ends): for long forms. */
  keepFields?: boolean;
};

/** A small dashboard form: fields, one button, and its outcome announced next to it. */
export function ActionForm({ action, hidden, submitLabel, doneMessage, children, variant = 'secondary', className, keepFields }: Props) {
  const t = useTranslations('dashboard');
  const [state, formAction, pending] = useActionState<DashboardActionState, FormData>(action, { status: 'idle' });
  const message =
    state.status === 'done'
      ? doneMessage
      : state.status === 'invalid'
        ? t(`errors.${state.error}`)
        : state.status === 'not_found'
          ? t('errors.notAllowed')
          : state.status === 'signed_out'
            ? t('errors.signedOut')
            : '';
  // Called by hand, the action leaves the fields alone; without JavaScript the form posts as usual.
  const submitKeepingFields = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form action={formAction} onSubmit={keepFields ? submitKeepingFields : undefined} className={className ?? 'action-form'}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button type="submit" className={`button button-${variant}`} disabled={pending}>
        {submitLabel}
      </button>
      <p role="status" className={state.status === 'done' ? 'status' : 'status status-error'}>
        {message}
      </p>
    </form>
  );
}
