'use client';

import { useTranslations } from 'next-intl';
import type { ResponseFormState } from '@/lib/responses/action-state';
import { demandOutcomes, responseLimits } from '@/lib/responses/schemas';
import { ResponseActionForm } from './response-action-form';

type Action = (prev: ResponseFormState, form: FormData) => Promise<ResponseFormState>;

/** The organiser records a response found elsewhere: which target, the text, the date, the source. */
export function RecordResponseForm({ action, slug, targets }: { action: Action; slug: string; targets: { id: string; name: string }[] }) {
  const t = useTranslations('responses');
  return (
    <ResponseActionForm
      action={action}
      hidden={{ slug }}
      doneMessage={t('recorded')}
      buttons={
        <button type="submit" className="button button-primary">
          {t('record')}
        </button>
      }
    >
      {(kept, errorOf) => (
        <>
          <label htmlFor="record-target">{t('target')}</label>
          <select id="record-target" name="targetId" defaultValue={kept.targetId}>
            {targets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
          <label htmlFor="record-body">{t('body')}</label>
          <textarea
            id="record-body"
            name="body"
            rows={5}
            dir="auto"
            maxLength={responseLimits.body * 2}
            defaultValue={kept.body}
            aria-invalid={errorOf('body') ? true : undefined}
          />
          <label htmlFor="record-date">{t('date')}</label>
          <input id="record-date" name="respondedOn" type="date" dir="ltr" defaultValue={kept.respondedOn} />
          <label htmlFor="record-source">{t('sourceUrl')}</label>
          <input
            id="record-source"
            name="sourceUrl"
            type="url"
            dir="ltr"
            defaultValue={kept.sourceUrl}
            aria-invalid={errorOf('sourceUrl') ? true : undefined}
          />
        </>
      )}
    </ResponseActionForm>
  );
}

/** Approve or reject a response a target sent through its link. */
export function ReviewResponseButtons({ action, slug, responseId }: { action: Action; slug: string; responseId: string }) {
  const t = useTranslations('responses');
  return (
    <ResponseActionForm
      action={action}
      hidden={{ slug, responseId }}
      doneMessage={t('saved')}
      buttons={
        <>
          <button type="submit" name="decision" value="approve" className="button button-primary">
            {t('approve')}
          </button>{' '}
          <button type="submit" name="decision" value="reject" className="button button-secondary">
            {t('reject')}
          </button>
        </>
      }
    />
  );
}

const OUTCOME_KEYS = { open: 'outcomeOpen', partly_met: 'outcomePartlyMet', met: 'outcomeMet', refused: 'outcomeRefused' } as const;

/** One demand's outcome: open, partly met, met or refused, with a note and a date. */
export function OutcomeForm({
  action,
  slug,
  demand,
  n,
}: {
  action: Action;
  slug: string;
  n: number;
  demand: { id: string; outcome: (typeof demandOutcomes)[number]; note: string | null; on: string | null };
}) {
  const t = useTranslations('responses');
  const id = (f: string) => `outcome-${demand.id}-${f}`;
  return (
    <ResponseActionForm
      action={action}
      hidden={{ slug, demandId: demand.id }}
      doneMessage={t('saved')}
      buttons={
        <button type="submit" className="button button-secondary">
          {t('save', { n })}
        </button>
      }
    >
      {(kept) => (
        <>
          <label htmlFor={id('outcome')}>{t('outcome', { n })}</label>
          <select id={id('outcome')} name="outcome" defaultValue={kept.outcome ?? demand.outcome}>
            {demandOutcomes.map((o) => (
              <option key={o} value={o}>
                {t(OUTCOME_KEYS[o])}
              </option>
            ))}
          </select>
          <label htmlFor={id('note')}>{t('note', { n })}</label>
          <input id={id('note')} name="note" dir="auto" maxLength={responseLimits.note * 2} defaultValue={kept.note ?? demand.note ?? ''} />
          <label htmlFor={id('on')}>{t('on', { n })}</label>
          <input id={id('on')} name="on" type="date" dir="ltr" defaultValue={kept.on ?? demand.on ?? ''} />
        </>
      )}
    </ResponseActionForm>
  );
}
