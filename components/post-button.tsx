'use client';

import { useActionState, type ReactNode } from 'react';

type Props<S extends { status: string }> = {
  action: (prev: S, form: FormData) => Promise<S>;
  initial: S;
  label: string;
  pendingLabel: string;
  children: (state: S) => ReactNode;
};

/**
 * A one-button form whose POST does what a link must not do on GET. It waits for the person: it
 * never submits itself, since mail filters open emailed links in browsers that run scripts.
 */
export function PostButton<S extends { status: string }>({ action, initial, label, pendingLabel, children }: Props<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(action as (prev: Awaited<S>, form: FormData) => Promise<S>, initial as Awaited<S>);
  return (
    <>
      {children(state)}
      {state.status === initial.status && (
        <form action={formAction}>
          <button type="submit" className="button button-primary button-block" disabled={pending}>
            {pending ? pendingLabel : label}
          </button>
        </form>
      )}
    </>
  );
}
