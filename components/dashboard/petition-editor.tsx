'use client';

import { Field } from '@/components/field';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { Markdown } from '@/components/markdown';
import { TargetsEditor, type TargetValues } from '@/components/targets/targets-editor';
import type { EditorState } from '@/lib/organisers/action-state';
import { petitionDraftInput, petitionFormValues, petitionLimits, publishProblems } from '@/lib/petitions/schemas';
import { slugify } from '@/lib/petitions/slug';
import { typedLength } from '@/lib/text/normalise';
import { z } from 'zod';
import { moveItem, RowControls } from './row-controls';

export type EditorValues = {
  slug: string;
  title: string;
  summary: string;
  body: string;
  target: string;
  targets?: TargetValues[];
  goal: string;
  language: string;
  closesOn: string;
  demands: string[];
};

type Props = {
  action: (prev: EditorState, form: FormData) => Promise<EditorState>;
  initial: EditorValues;
  currentSlug: string | null;
  status: 'draft' | 'open' | 'closed';
  languages: { code: string; name: string }[];
};

const ORDER = ['title', 'slug', 'summary', 'body', 'target', 'targets', 'goal', 'language', 'closesOn', 'demands'];

export function PetitionEditor({ action, initial, currentSlug, status, languages }: Props) {
  const t = useTranslations('editor');
  const [state, formAction, pending] = useActionState<EditorState, FormData>(action, { status: 'idle' });
  const [clientErrors, setClientErrors] = useState<Record<string, string[]> | null>(null);
  const restored = state.status === 'invalid' ? (state.values as Partial<EditorValues>) : null;
  const start = { ...initial, ...(restored ?? {}), goal: String(restored?.goal ?? initial.goal ?? '') };

  const [title, setTitle] = useState(start.title);
  const [slug, setSlug] = useState(start.slug);
  const [slugTouched, setSlugTouched] = useState(Boolean(currentSlug));
  const [summary, setSummary] = useState(start.summary);
  const [body, setBody] = useState(start.body);
  const [previewing, setPreviewing] = useState(false);
  // Keys (and the demand ids built from them) start at 0 on every render: a module-wide counter kept
  // counting across requests on the server, so the server's ids and the browser's differed.
  const [demands, setDemands] = useState(() => (start.demands.length ? start.demands : ['']).map((text, i) => ({ key: i, text })));
  const nextKey = useRef(demands.length);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = clientErrors ?? (state.status === 'invalid' ? state.errors : {});

  useEffect(() => {
    if (state.status === 'invalid') focusFirst(formRef.current, state.errors);
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const values = petitionFormValues(new FormData(event.currentTarget));
    const parsed = petitionDraftInput.safeParse(values);
    let found: Record<string, string[]> = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
    if (parsed.success && submitter?.value === 'publish') found = publishProblems(parsed.data);
    if (Object.keys(found).length) {
      event.preventDefault();
      setClientErrors(found);
      focusFirst(event.currentTarget, found);
    } else {
      setClientErrors(null);
    }
  }

  const err = (field: string) => errors[field]?.map((key) => t(`errors.${key}`));
  // Counted as the server counts (lib/text/normalise.ts): code points after normalising.
  const left = (value: string, max: number, multiline = false) => t('charactersLeft', { count: Math.max(0, max - typedLength(value, { multiline })) });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="editor">
      <input type="hidden" name="currentSlug" value={currentSlug ?? ''} />
      {Object.keys(errors).length > 0 && (
        <p className="form-alert" role="alert">
          {t('fixErrors')}
        </p>
      )}
      {state.status === 'not_found' && (
        <p className="form-alert" role="alert">
          {t('errors.notAllowed')}
        </p>
      )}
      {state.status === 'signed_out' && (
        <p className="form-alert" role="alert">
          {t('errors.signedOut')}
        </p>
      )}

      <Field id="title" label={t('title')} hint={left(title, petitionLimits.title)} errors={err('title')}>
        <input
          id="title"
          name="title"
          dir="auto"
          value={title}
          maxLength={petitionLimits.title * 2}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
          {...describe('title', errors)}
        />
      </Field>

      <Field id="slug" label={t('slug')} hint={status === 'draft' ? t('slugHint') : t('slugHintPublished')} errors={err('slug')}>
        <input
          id="slug"
          name="slug"
          dir="ltr"
          value={slug}
          onChange={(e) => {
            setSlug(e.target.value);
            setSlugTouched(true);
          }}
          {...describe('slug', errors)}
        />
      </Field>

      <Field id="summary" label={t('summary')} hint={left(summary, petitionLimits.summary, true)} errors={err('summary')}>
        <textarea
          id="summary"
          name="summary"
          rows={3}
          dir="auto"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          {...describe('summary', errors)}
        />
      </Field>

      <TargetsEditor
        initial={start.targets ?? (start.target ? [{ id: '', name: start.target, role: '', email: '', language: start.language }] : [])}
        errors={[...(err('target') ?? []), ...(err('targets') ?? [])]}
        language={start.language}
      />

      <fieldset className="demands-editor" aria-describedby={errors.demands ? 'demands-error' : undefined}>
        <legend>{t('demands')}</legend>
        <p className="hint">{t('demandsHint')}</p>
        <ol>
          {demands.map((d, i) => (
            <li key={d.key} className="demand-row">
              <label htmlFor={`demand-${d.key}`}>{t('demandLabel', { n: i + 1 })}</label>
              <div className="demand-controls">
                <input
                  id={`demand-${d.key}`}
                  name="demands"
                  dir="auto"
                  value={d.text}
                  maxLength={petitionLimits.demand * 2}
                  onChange={(e) => setDemands((list) => list.map((x) => (x.key === d.key ? { ...x, text: e.target.value } : x)))}
                />
                <RowControls
                  index={i}
                  count={demands.length}
                  onMove={(by) => setDemands((list) => moveItem(list, i, by))}
                  onRemove={() => setDemands((list) => list.filter((x) => x.key !== d.key))}
                  labels={{ up: t('moveUp', { n: i + 1 }), down: t('moveDown', { n: i + 1 }), remove: t('removeDemand', { n: i + 1 }) }}
                />
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-secondary"
          disabled={demands.length >= petitionLimits.demands}
          onClick={() => setDemands((list) => [...list, { key: nextKey.current++, text: '' }])}
        >
          {t('addDemand')}
        </button>
        {errors.demands && (
          <p id="demands-error" className="field-error">
            {err('demands')!.join(' ')}
          </p>
        )}
      </fieldset>

      <Field id="body" label={t('body')} hint={t('bodyHint')} errors={err('body')}>
        <div className="body-tabs">
          <button type="button" className="button button-small" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
            {t('write')}
          </button>
          <button type="button" className="button button-small" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
            {t('preview')}
          </button>
        </div>
        <textarea
          id="body"
          name="body"
          rows={12}
          dir="auto"
          value={body}
          hidden={previewing}
          onChange={(e) => setBody(e.target.value)}
          {...describe('body', errors)}
        />
        {previewing && (
          <div className="body-preview" aria-live="polite">
            <Markdown source={body} />
          </div>
        )}
      </Field>

      <div className="editor-row">
        <Field id="goal" label={t('goal')} errors={err('goal')}>
          <input id="goal" name="goal" type="number" inputMode="numeric" min={1} step={1} dir="ltr" defaultValue={start.goal} {...describe('goal', errors)} />
        </Field>
        <Field id="language" label={t('language')} errors={err('language')}>
          <select id="language" name="language" defaultValue={start.language}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="closesOn" label={t('closesOn')} optional={t('optional')} hint={t('closesOnHint')} errors={err('closesOn')}>
          <input id="closesOn" name="closesOn" type="date" dir="ltr" defaultValue={start.closesOn} {...describe('closesOn', errors)} />
        </Field>
      </div>

      <div className="editor-actions">
        <button type="submit" name="intent" value="draft" className="button button-secondary" disabled={pending}>
          {status === 'draft' ? t('saveDraft') : t('saveChanges')}
        </button>
        {status === 'draft' && (
          <button type="submit" name="intent" value="publish" className="button button-primary" disabled={pending}>
            {t('publish')}
          </button>
        )}
      </div>
    </form>
  );
}

function describe(field: string, errors: Record<string, string[]>) {
  const invalid = Boolean(errors[field]?.length);
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': [`${field}-hint`, invalid ? `${field}-error` : ''].filter(Boolean).join(' ') };
}

function focusFirst(form: HTMLFormElement | null, errors: Record<string, string[]>) {
  const first = ORDER.find((f) => errors[f]?.length);
  if (!first || !form) return;
  const el =
    first === 'demands' || first === 'targets'
      ? form.querySelector<HTMLInputElement>(`input[name="${first === 'demands' ? 'demands' : 'targetName'}"]`)
      : (form.elements.namedItem(first) as HTMLElement | null);
  el?.focus();
}
