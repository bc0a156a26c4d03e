'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { BulkFormState } from '@/lib/organisers/action-state';

type Props = { slug: string; action: (prev: BulkFormState, form: FormData) => Promise<BulkFormState> };

const FIELDS = [
  { name: 'emailDomain', type: 'text', hint: true, dir: 'ltr' },
  { name: 'ipRange', type: 'text', hint: true, dir: 'ltr' },
  { name: 'namePattern', type: 'text', hint: true, dir: 'auto' },
  { name: 'country', type: 'text', hint: false, dir: 'ltr' },
  { name: 'from', type: 'datetime-local', hint: false, dir: 'ltr' },
  { name: 'to', type: 'datetime-local', hint: false, dir: 'ltr' },
] as const;

/** Describe signatures, see how many match, then invalidate them (or count the held ones): two steps, never one click. */
export function BulkRuleForm({ slug, action }: Props) {
  const t = useTranslations('moderation');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const values = 'values' in state ? state.values : {};
  const error = state.status === 'invalid' ? t(`errors.${state.field}`) : state.status === 'not_found' || state.status === 'signed_out' ? t('errors.notAllowed') : '';
  return (
    <form action={formAction} className="stack-form bulk-rule">
      <input type="hidden" name="slug" value={slug} />
      {FIELDS.map((f) => (
        <div key={f.name} className="field">
          <label htmlFor={`rule-${f.name}`}>{t(f.name)}</label>
          {f.hint && <span id={`rule-${f.name}-hint`} className="hint">{t(`${f.name}Hint`)}</span>}
          <input id={`rule-${f.name}`} name={f.name} type={f.type} dir={f.dir} defaultValue={values[f.name]}
            aria-describedby={f.hint ? `rule-${f.name}-hint` : undefined} aria-invalid={state.status === 'invalid' && state.field === f.name ? true : undefined} />
        </div>
      ))}
      <div className="button-row">
        <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={pending}>{t('preview')}</button>
        {state.status === 'matched' && state.matching > 0 && (
          <button type="submit" name="intent" value="invalidate" className="button button-danger" disabled={pending}>{t('invalidate', { matching: state.matching })}</button>
        )}
        {state.status === 'matched' && state.held > 0 && (
          <button type="submit" name="intent" value="release" className="button button-primary" disabled={pending}>{t('release', { held: state.held })}</button>
        )}
      </div>
      <p role="status" className={error ? 'status status-error' : 'status'}>
        {error ||
          (state.status === 'matched' ? t('matched', { matching: state.matching, counted: state.counted, held: state.held })
          : state.status === 'done' ? t(state.intent === 'release' ? 'released' : 'invalidated', { changed: state.changed })
          : '')}
      </p>
    </form>
  );
}
