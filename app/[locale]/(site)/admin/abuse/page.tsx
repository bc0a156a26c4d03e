import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { requireOrganiser } from '@/lib/auth/require';
import { Link } from '@/lib/i18n/navigation';
import { getAbuseSettings, LIST_NAMES } from '@/lib/moderation/abuse-settings';
import { saveAbuseSettingsAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

const HINTS: Record<(typeof LIST_NAMES)[number], string> = {
  blockedDomains: 'blockedDomainsHint',
  blockedRanges: 'rangesHint',
  allowedRanges: 'rangesHint',
  allowedDomains: 'allowedDomainsHint',
};

/** Platform admins: rate limits, block and allow lists, and where signatures wait for review. */
export default async function AbusePage({ params }: PageProps<'/[locale]/admin/abuse'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, '/admin/abuse');
  const settings = await getAbuseSettings(actor);
  if (!settings) notFound();
  const t = await getTranslations('abuse');
  return (
    <div className="container dashboard">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <section className="card" aria-labelledby="held-title">
        <h2 id="held-title">{t('held')}</h2>
        {settings.held.length === 0 ? (
          <p className="muted">{t('heldNone')}</p>
        ) : (
          <ul>
            {settings.held.map((p) => (
              <li key={p.slug}>
                <bdi>{p.title}</bdi>: <Link href={`/dashboard/petitions/${p.slug}/invalidate`}>{t('review', { count: p.held })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ActionForm action={saveAbuseSettingsAction} hidden={{}} submitLabel={t('save')} doneMessage={t('saved')} variant="primary" className="card stack-form">
        <table className="limits">
          <caption>{t('limits')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('limit')}</th>
              <th scope="col">{t('maxCount')}</th>
              <th scope="col">{t('windowSeconds')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.limits.map((l) => (
              <tr key={l.name}>
                <th scope="row">{t(`names.${l.name}`)}</th>
                <td>
                  <input name={`${l.name}.maxCount`} type="number" min={1} defaultValue={l.maxCount} aria-label={`${t(`names.${l.name}`)}: ${t('maxCount')}`} />
                </td>
                <td>
                  <input
                    name={`${l.name}.windowSeconds`}
                    type="number"
                    min={1}
                    defaultValue={l.windowSeconds}
                    aria-label={`${t(`names.${l.name}`)}: ${t('windowSeconds')}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {LIST_NAMES.map((name) => (
          <div key={name} className="field">
            <label htmlFor={`list-${name}`}>{t(name)}</label>
            <span id={`list-${name}-hint`} className="hint">
              {t(HINTS[name])}
            </span>
            <textarea
              id={`list-${name}`}
              name={name}
              rows={5}
              dir="ltr"
              aria-describedby={`list-${name}-hint`}
              defaultValue={settings.lists[name].join('\n')}
            />
          </div>
        ))}
      </ActionForm>
    </div>
  );
}
