'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { BulkFormState } from '@/lib/organisers/action-state';

type Props = {
  slug: string;
  /** Platform admins may also count held signatures; organisers are not offered it (the server refuses them too). */
  isAdmin: boolean;
  action: (prev: BulkFormState, form: FormData) => Promise<BulkFormState>;
};

const FIELDS = [
  { name: 'emailDomain', type: 'text', hint: true, dir: 'ltr' },
  { name: 'ipRange', type: 'text', hint: true, dir: 'ltr' },
  { name: 'namePattern', type: 'text', hint: true, dir: 'auto' },
  { name: 'country', type: 'text', hint: false, dir: 'ltr' },
  { name: 'from', type: 'datetime-local', hint: false, dir: 'ltr' },
  { name: 'to', type: 'datetime-local', hint: false, dir: 'ltr' },
] as const;

/** Describe signatures, see how many match, then invalidate them (or restore them, or count the held ones): two steps, never one click. */
export function BulkRuleForm({ slug, isAdmin, action }: Props) {
  const t = useTranslations('moderation');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const values = 'values' in state ? state.values : {};
  const matched = state.status === 'matched' ? state : null;
  // A rule matching every live signature is refused, at the preview and if sent anyway.
  const matchesAll = matched?.matchesAll ? matched.matching : state.status === 'matches_all' ? state.matching : null;
  const error =
    state.status === 'invalid'
      ? t(`errors.${state.field}`)
      : state.status === 'not_found' || state.status === 'signed_out'
        ? t('errors.notAllowed')
        : state.status === 'admin_only'
          ? t('errors.adminOnly')
          : matchesAll !== null
            ? t('errors.matchesAll', { matching: matchesAll })
            : '';
  const summary = (m: NonNullable<typeof matched>) =>
    [
      t('matched', { matching: m.matching, counted: m.counted, held: m.held }),
      ...(m.restorable > 0 ? [t('restorableMatched', { restorable: m.restorable })] : []),
    ].join(' ');
  const done =
    state.status === 'done'
      ? t(state.intent === 'release' ? 'released' : state.intent === 'restore' ? 'restored' : 'invalidated', { changed: state.changed })
      : '';
  return (
    <form action={formAction} className="stack-form bulk-rule">
      <input type="hidden" name="slug" value={slug} />
      {FIELDS.map((f) => (
        <div key={f.name} className="field">
          <label htmlFor={`rule-${f.name}`}>{t(f.name)}</label>
          {f.hint && (
            <span id={`rule-${f.name}-hint`} className="hint">
              {t(`${f.name}Hint`)}
            </span>
          )}
          <input
            id={`rule-${f.name}`}
            name={f.name}
            type={f.type}
            dir={f.dir}
            defaultValue={values[f.name]}
            aria-describedby={f.hint ? `rule-${f.name}-hint` : undefined}
            aria-invalid={state.status === 'invalid' && state.field === f.name ? true : undefined}
          />
        </div>
      ))}
      <div className="button-row">
        <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={pending}>
          {t('preview')}
        </button>
        {matched && matched.matching > 0 && !matched.matchesAll && (
          <button type="submit" name="intent" value="invalidate" className="button button-danger" disabled={pending}>
            {t('invalidate', { matching: matched.matching })}
          </button>
        )}
        {matched && matched.restorable > 0 && (
          <button type="submit" name="intent" value="restore" className="button button-secondary" disabled={pending}>
            {t('restore', { restorable: matched.restorable })}
          </button>
        )}
        {isAdmin && matched && matched.held > 0 && (
          <button type="submit" name="intent" value="release" className="button button-primary" disabled={pending}>
            {t('release', { held: matched.held })}
          </button>
        )}
      </div>
      <p role="status" className={error ? 'status status-error' : 'status'}>
        {error || done || (matched ? summary(matched) : '')}
      </p>
    </form>
  );
}
