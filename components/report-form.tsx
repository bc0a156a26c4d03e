'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { ReportState } from '@/app/[locale]/(site)/p/[slug]/report/actions';

export function ReportForm({ action, reasons }: { action: (prev: ReportState, form: FormData) => Promise<ReportState>; reasons: readonly string[] }) {
  const t = useTranslations('report');
  const [state, formAction, pending] = useActionState<ReportState, FormData>(action, { status: 'idle' });
  if (state.status === 'received') return <p role="status" className="notice">{t('received')}</p>;
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
      <div className="field">
        <label htmlFor="details">{t('details')} <span className="optional">({t('optional')})</span></label>
        <textarea id="details" name="details" rows={4} dir="auto" maxLength={1000} />
      </div>
      <div className={`field${errors.email ? ' field-invalid' : ''}`}>
        <label htmlFor="report-email">{t('email')} <span className="optional">({t('optional')})</span></label>
        <input id="report-email" name="email" type="email" dir="ltr" aria-describedby="report-email-hint" />
        <p id="report-email-hint" className="hint">{t('emailHint')}</p>
        {errors.email && <p className="field-error">{t('emailInvalid')}</p>}
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>{t('submit')}</button>
    </form>
  );
}
