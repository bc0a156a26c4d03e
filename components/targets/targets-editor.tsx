'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { targetLanguages, targetLimits } from '@/lib/targets/schemas';
import './targets.css';
import { moveItem, RowControls } from '@/components/dashboard/row-controls';

export type TargetValues = { id: string; name: string; role: string; email: string; language: string };

/**
 * The petition's targets in the editor: add, edit, reorder and remove, as the demands are edited
 * (labelled inputs, move buttons named for the row). Posts repeated fields the server reads in order
 * (lib/targets/schemas.ts). With one target its name field is labelled "Target"; with several, numbered.
 */
export function TargetsEditor({ initial, errors, language }: { initial: TargetValues[]; errors?: string[]; language: string }) {
  const t = useTranslations('targets');
  const firstLanguage = (targetLanguages as readonly string[]).includes(language) ? language : 'en';
  // Keys (and the ids built from them) start at 0 in every render of the page: a counter shared by the
  // module kept counting across requests on the server, so the server's ids and the browser's differed
  // (a hydration mismatch) and a row added later could repeat an id the server had given another row.
  const [rows, setRows] = useState(() =>
    (initial.length ? initial : [{ id: '', name: '', role: '', email: '', language: firstLanguage }]).map((r, i) => ({ ...r, key: i })),
  );
  const nextKey = useRef(rows.length);
  const update = (key: number, field: keyof TargetValues, value: string) => setRows((list) => list.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const languageName = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  const numbered = rows.length > 1;

  return (
    <fieldset className="demands-editor targets-editor" aria-describedby={['target-hint', errors?.length ? 'target-error' : ''].filter(Boolean).join(' ')}>
      <legend>{t('legend')}</legend>
      <p id="target-hint" className="hint">
        {t('hint')}
      </p>
      <ol>
        {rows.map((r, i) => {
          const nameId = i === 0 ? 'target' : `target-name-${r.key}`;
          return (
            <li key={r.key} className="target-row">
              <input type="hidden" name="targetId" value={r.id} />
              <div className="target-fields">
                <div>
                  <label htmlFor={nameId}>{numbered ? t('nameN', { n: i + 1 }) : t('name')}</label>
                  <input
                    id={nameId}
                    name="targetName"
                    dir="auto"
                    value={r.name}
                    maxLength={targetLimits.name * 2}
                    aria-invalid={errors?.length && i === 0 ? true : undefined}
                    onChange={(e) => update(r.key, 'name', e.target.value)}
                  />
                </div>
                <div>
                  <label htmlFor={`target-role-${r.key}`}>{t('role', { n: i + 1 })}</label>
                  <input
                    id={`target-role-${r.key}`}
                    name="targetRole"
                    dir="auto"
                    value={r.role}
                    maxLength={targetLimits.role * 2}
                    onChange={(e) => update(r.key, 'role', e.target.value)}
                  />
                </div>
                <div>
                  <label htmlFor={`target-email-${r.key}`}>{t('email', { n: i + 1 })}</label>
                  <input
                    id={`target-email-${r.key}`}
                    name="targetEmail"
                    type="email"
                    dir="ltr"
                    autoComplete="off"
                    value={r.email}
                    onChange={(e) => update(r.key, 'email', e.target.value)}
                  />
                </div>
                <div>
                  <label htmlFor={`target-language-${r.key}`}>{t('language', { n: i + 1 })}</label>
                  <select id={`target-language-${r.key}`} name="targetLanguage" value={r.language} onChange={(e) => update(r.key, 'language', e.target.value)}>
                    {targetLanguages.map((code) => (
                      <option key={code} value={code} lang={code}>
                        {languageName(code)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="demand-controls">
                <RowControls
                  index={i}
                  count={rows.length}
                  onMove={(by) => setRows((list) => moveItem(list, i, by))}
                  onRemove={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                  labels={{ up: t('moveUp', { n: i + 1 }), down: t('moveDown', { n: i + 1 }), remove: t('remove', { n: i + 1 }) }}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        disabled={rows.length >= targetLimits.targets}
        onClick={() => setRows((list) => [...list, { id: '', name: '', role: '', email: '', language: firstLanguage, key: nextKey.current++ }])}
      >
        {t('add')}
      </button>
      {errors?.length ? (
        <p id="target-error" className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
