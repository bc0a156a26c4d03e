import { getTranslations } from 'next-intl/server';
import { dateTimeFormat } from '@/lib/i18n/format';
import type { Revision } from '@/lib/revisions/queries';

/**
 * "Edited on …" for each change to the title, targets or demands after the first signature, with
 * what changed (before and after), so a signer can see what they signed.
 */
export async function RevisionList({ revisions, lang, locale }: { revisions: Revision[]; lang: string; locale: string }) {
  if (revisions.length === 0) return null;
  const t = await getTranslations('revisions');
  const date = dateTimeFormat(locale, { dateStyle: 'long' });
  const list = (items: string[]) => (
    <ol>
      {items.map((x, i) => (
        <li key={i} lang={lang} dir="auto">
          {x}
        </li>
      ))}
    </ol>
  );
  return (
    <section className="revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t('title')}</h2>
      {revisions.map((r) => (
        <details key={r.id}>
          <summary>{t.rich('editedOn', { date: () => <time dateTime={r.createdAt.toISOString()}>{date.format(r.createdAt)}</time> })}</summary>
          {r.changes.title && (
            <div>
              <h3>{t('titleChanged')}</h3>
              <p>
                {t('before')}: <bdi lang={lang}>{r.changes.title.from}</bdi>
              </p>
              <p>
                {t('after')}: <bdi lang={lang}>{r.changes.title.to}</bdi>
              </p>
            </div>
          )}
          {r.changes.targets && (
            <div>
              <h3>{t('targetsChanged')}</h3>
              <p>{t('before')}:</p>
              {list(r.changes.targets.from)}
              <p>{t('after')}:</p>
              {list(r.changes.targets.to)}
            </div>
          )}
          {r.changes.demands && (
            <div>
              <h3>{t('demandsChanged')}</h3>
              <p>{t('before')}:</p>
              {list(r.changes.demands.from)}
              <p>{t('after')}:</p>
              {list(r.changes.demands.to)}
            </div>
          )}
        </details>
      ))}
    </section>
  );
}
