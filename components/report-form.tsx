'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { ReportState } from '@/lib/moderation/action-states';

export function ReportForm({ action, reasons }: { action: (prev: ReportState, form: FormData) => Promise<ReportState>; reasons: readonly string[] }) {
  const t = useTranslations('report');
  const [state, formAction, pending] = useActionState<ReportState, FormData>(action, { status: 'idle' });
  if (state.status === 'received')
    return (
      <p role="status" className="notice">
        {t('received')}
      </p>
    );
  const errors = state.status === 'invalid' ? state.errors : {};
  return (
    <form action={formAction} noValidate>
      <fieldset className={`field${errors.reason ? ' field-invalid' : ''}`}>
        <legend>{t('reason')}</legend>
        {reasons.map((r) => (
          <div className="check" key={r}>
            <input type="radio" id={`reason-${r}`} name="reason" value={r} required />
            <label htmlFor={`reason-${r}`}>{t(`reasons.${r}`)}</label>
          </div>
        ))}
        {errors.reason && <p className="field-error">{t('reasonRequired')}</p>}
      </fieldset>
      <div className={`field${errors.details ? ' field-invalid' : ''}`}>
        <label htmlFor="details">
          {t('details')} <span className="optional">({t('optional')})</span>
        </label>
        {/* maxLength counts UTF-16 units and the server code points: the server's message says the limit. */}
        <textarea
          id="details"
          name="details"
          rows={4}
          dir="auto"
          maxLength={1000 * 2}
          aria-invalid={errors.details ? true : undefined}
          aria-describedby={errors.details ? 'details-error' : undefined}
        />
        {errors.details && (
          <p id="details-error" className="field-error">
            {t(errors.details[0] === 'detailsTooLong' ? 'detailsTooLong' : 'detailsInvalid')}
          </p>
        )}
      </div>
      <div className={`field${errors.email ? ' field-invalid' : ''}`}>
        <label htmlFor="report-email">
          {t('email')} <span className="optional">({t('optional')})</span>
        </label>
        <input id="report-email" name="email" type="email" dir="ltr" aria-describedby="report-email-hint" />
        <p id="report-email-hint" className="hint">
          {t('emailHint')}
        </p>
        {errors.email && <p className="field-error">{t('emailInvalid')}</p>}
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
