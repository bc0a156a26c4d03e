'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { PlanFormState } from '@/lib/deliveries/action-state';
import { deliveryLimits } from '@/lib/deliveries/schemas';

/** The automatic delivery plan: at a count, at the goal, when the petition closes. */
export function PlanForm({
  action,
  slug,
  plan,
}: {
  action: (prev: PlanFormState, form: FormData) => Promise<PlanFormState>;
  slug: string;
  plan: { atCount: number | null; atGoal: boolean; onClose: boolean; message: string } | null;
}) {
  const t = useTranslations('deliveries');
  const td = useTranslations('dashboard');
  const [state, formAction, pending] = useActionState<PlanFormState, FormData>(action, { status: 'idle' });
  const errors = state.status === 'invalid' ? state.errors : {};
  const message =
    state.status === 'saved'
      ? t('planSaved')
      : state.status === 'invalid'
        ? Object.values(errors)
            .flat()
            .map((k) => t(`errors.${k}`))
            .join(' ')
        : state.status === 'not_found'
          ? td('errors.notAllowed')
          : state.status === 'signed_out'
            ? td('errors.signedOut')
            : '';
  return (
    <form action={formAction} className="stack-form">
      <input type="hidden" name="slug" value={slug} />
      <p>{t('planIntro')}</p>
      <label htmlFor="plan-count">{t('planAtCount')}</label>
      <input
        id="plan-count"
        name="atCount"
        type="number"
        inputMode="numeric"
        min={1}
        dir="ltr"
        defaultValue={plan?.atCount ?? ''}
        aria-invalid={errors.atCount ? true : undefined}
      />
      <label className="check">
        <input type="checkbox" name="atGoal" defaultChecked={plan?.atGoal} /> <span>{t('planAtGoal')}</span>
      </label>
      <label className="check">
        <input type="checkbox" name="onClose" defaultChecked={plan?.onClose} /> <span>{t('planOnClose')}</span>
      </label>
      <label htmlFor="plan-message">{t('planMessage')}</label>
      <textarea id="plan-message" name="message" rows={3} dir="auto" maxLength={deliveryLimits.message * 2} defaultValue={plan?.message} />
      <button type="submit" className="button button-secondary" disabled={pending}>
        {t('planSave')}
      </button>
      <p role="status" className={state.status === 'saved' ? 'status' : 'status status-error'}>
        {message}
      </p>
    </form>
  );
}
