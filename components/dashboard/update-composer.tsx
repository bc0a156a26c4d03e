'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Markdown } from '@/components/markdown';
import type { UpdateFormState } from '@/lib/organisers/action-state';

type Props = {
  action: (prev: UpdateFormState, form: FormData) => Promise<UpdateFormState>;
  slug: string;
  remaining: number;
  recipients: number;
};

/** Write an update (subject + Markdown, with the preview signers will see) and send it. */
export function UpdateComposer({ action, slug, remaining, recipients }: Props) {
  const t = useTranslations('updates');
  const [state, formAction, pending] = useActionState<UpdateFormState, FormData>(action, { status: 'idle' });
  const [body, setBody] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const errors = state.status === 'invalid' ? state.errors : {};
  if (state.status === 'queued')
    return (
      <p role="status" className="notice">
        {t('queued', { count: state.recipients })}
      </p>
    );
  return (
    <form action={formAction} className="update-form">
      <input type="hidden" name="slug" value={slug} />
      <p className="hint">{t('capNote', { remaining, recipients })}</p>
      {state.status === 'capped' && (
        <p role="alert" className="form-alert">
          {t('capped')}
        </p>
      )}
      {state.status === 'not_found' && (
        <p role="alert" className="form-alert">
          {t('notAllowed')}
        </p>
      )}
      <div className={`field${errors.subject ? ' field-invalid' : ''}`}>
        <label htmlFor="update-subject">{t('subject')}</label>
        <input
          id="update-subject"
          name="subject"
          dir="auto"
          maxLength={150 * 2}
          defaultValue={state.status === 'invalid' ? state.subject : ''}
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={errors.subject ? 'update-subject-error' : undefined}
        />
        {errors.subject && (
          <p id="update-subject-error" className="field-error">
            {t(`errors.${errors.subject[0]}`)}
          </p>
        )}
      </div>
      <div className={`field${errors.body ? ' field-invalid' : ''}`}>
        <label htmlFor="update-body">{t('body')}</label>
        <div className="body-tabs">
          <button type="button" className="button button-small" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
            {t('write')}
          </button>
          <button type="button" className="button button-small" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
            {t('preview')}
          </button>
        </div>
        <textarea
          id="update-body"
          name="body"
          rows={8}
          dir="auto"
          value={body}
          hidden={previewing}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? 'update-body-error' : undefined}
        />
        {previewing && (
          <div className="body-preview">
            <Markdown source={body} />
          </div>
        )}
        {errors.body && (
          <p id="update-body-error" className="field-error">
            {t(`errors.${errors.body[0]}`)}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={pending || remaining === 0}>
        {t('send')}
      </button>
    </form>
  );
}
