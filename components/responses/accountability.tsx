import { getTranslations } from 'next-intl/server';
import { dateTimeFormat } from '@/lib/i18n/format';
import type { Accountability as Data } from '@/lib/responses/public';
import type { TargetStatus } from '@/lib/responses/queries';

const OUTCOME_KEYS = { open: 'outcomeOpen', partly_met: 'outcomePartlyMet', met: 'outcomeMet', refused: 'outcomeRefused' } as const;

/** "2 of 4 demands met", shown once any demand has an outcome. */
export async function OutcomeProgress({ outcomes }: { outcomes: Data['outcomes'] }) {
  if (!outcomes.demands.some((d) => d.outcome !== 'open')) return null;
  const t = await getTranslations('responses');
  return <p className="outcome-progress">{t('progress', { count: outcomes.met, total: outcomes.total })}</p>;
}

/**
 * What became of the petition: the progress line, each demand's outcome with its note, each target's
 * status, and the approved responses with their dates and sources. Nothing when none of it exists yet.
 */
export async function Accountability({ data, lang, locale }: { data: Data; lang: string; locale: string }) {
  const t = await getTranslations('responses');
  const date = dateTimeFormat(locale, { dateStyle: 'long' });
  const day = (d: string) => date.format(new Date(`${d}T00:00:00Z`));
  const status = (s: TargetStatus) =>
    s === 'responded'
      ? t('statusResponded')
      : s === 'delivered'
        ? t('statusDelivered')
        : s === 'no_response'
          ? t('statusNoResponse', { days: data.noResponseAfterDays })
          : t('statusNotDelivered');
  const anyOutcome = data.outcomes.demands.some((d) => d.outcome !== 'open');
  const anyDelivered = data.targets.some((x) => x.status !== 'not_delivered');
  if (!anyOutcome && !anyDelivered && data.responses.length === 0) return null;
  return (
    <section className="accountability" aria-labelledby="responses-title">
      <h2 id="responses-title">{t('responsesTitle')}</h2>
      {anyOutcome && (
        <>
          <OutcomeProgress outcomes={data.outcomes} />
          <ol className="outcome-list">
            {data.outcomes.demands.map((d) => (
              <li key={d.id}>
                <span lang={lang} dir="auto">
                  {d.text}
                </span>{' '}
                — <strong>{t(OUTCOME_KEYS[d.outcome])}</strong>
                {d.on && d.outcome !== 'open' && (
                  <>
                    {' '}
                    (<time dateTime={d.on}>{day(d.on)}</time>)
                  </>
                )}
                {d.note && (
                  <span className="muted" lang={lang} dir="auto">
                    {' '}
                    {d.note}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <ul className="target-statuses">
        {data.targets.map((x) => (
          <li key={x.id}>
            <bdi lang={x.language}>{x.name}</bdi>: {status(x.status)}
          </li>
        ))}
      </ul>
      {data.responses.map((r) => (
        <article key={r.id} className="response">
          <h3>
            <bdi>{r.targetName}</bdi>
          </h3>
          <p className="muted">{t.rich('respondedOn', { date: () => <time dateTime={r.respondedOn}>{day(r.respondedOn)}</time> })}</p>
          <blockquote dir="auto">
            {r.body.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </blockquote>
          {r.sourceUrl && (
            <p>
              {t('source')}:{' '}
              <a href={r.sourceUrl} rel="nofollow noopener" dir="ltr">
                {r.sourceUrl}
              </a>
            </p>
          )}
        </article>
      ))}
    </section>
  );
}
