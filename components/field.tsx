import type { ReactNode } from 'react';

/** A labelled form field with its hint and its errors, linked by id for screen readers (`<id>-hint`, `<id>-error`). */
export function Field(props: { id: string; label: string; hint?: string; optional?: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className={`field${props.errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="optional"> ({props.optional})</span>}
      </label>
      {props.children}
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.errors?.length ? (
        <p id={`${props.id}-error`} className="field-error">
          {props.errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
