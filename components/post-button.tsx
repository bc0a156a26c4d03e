'use client';

import { useActionState, useEffect, useRef, type ReactNode } from 'react';

type Props<S extends { status: string }> = {
  action: (prev: S, form: FormData) => Promise<S>;
  initial: S;
  label: string;
  pendingLabel: string;
  /** Submit by itself once JavaScript runs (the link was already a deliberate click). */
  autoSubmit?: boolean;
  children: (state: S) => ReactNode;
};

/** A one-button form whose POST does what a link must not do on GET (mail scanners follow links). */
export function PostButton<S extends { status: string }>({ action, initial, label, pendingLabel, autoSubmit, children }: Props<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(action as (prev: Awaited<S>, form: FormData) => Promise<S>, initial as Awaited<S>);
  const ref = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    if (autoSubmit && !submitted.current && state.status === initial.status) {
      submitted.current = true;
      ref.current?.requestSubmit();
    }
  }, [autoSubmit, state.status, initial.status]);
  return (
    <>
      {children(state)}
      {state.status === initial.status && (
        <form ref={ref} action={formAction}>
          <button type="submit" className="button button-primary" disabled={pending}>{pending ? pendingLabel : label}</button>
        </form>
      )}
    </>
  );
}
