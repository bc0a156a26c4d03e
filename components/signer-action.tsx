'use client';

import { useActionState } from 'react';
import type { SignerActionState } from '@/lib/signatures/action-states';

type Props = {
  action: (prev: SignerActionState, form: FormData) => Promise<SignerActionState>;
  label: string;
  hint?: string;
  done: string;
  invalid: string;
  variant?: 'danger' | 'secondary';
};

/** One button on the signer's page; its outcome replaces it, announced to screen readers. */
export function SignerAction({ action, label, hint, done, invalid, variant = 'secondary' }: Props) {
  const [state, formAction, pending] = useActionState<SignerActionState, FormData>(action, { status: 'ready' });
  if (state.status !== 'ready') {
    return (
      <p role="status" className={state.status === 'done' ? 'notice' : 'form-alert'}>
        {state.status === 'done' ? done : invalid}
      </p>
    );
  }
  return (
    <form action={formAction} className="signer-action">
      <button type="submit" className={`button button-${variant}`} disabled={pending}>
        {label}
      </button>
      {hint && <p className="hint">{hint}</p>}
    </form>
  );
}
