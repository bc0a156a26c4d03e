import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ActionForm } from '@/components/dashboard/action-form';
import { ApiKeyForm } from '@/components/integrations/secret-forms';
import { listApiKeys } from '@/lib/api-keys/keys';
import { requireOrganiser } from '@/lib/auth/require';
import { formatMoment } from '@/lib/i18n/format';
import { createApiKeyAction, revokeApiKeyAction } from './actions';
import { BackLink } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** The organiser's API keys: create (shown once), last use, revoke. */
export default async function ApiKeysPage({ params }: PageProps<'/[locale]/dashboard/api-keys'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, '/dashboard/api-keys');
  const [t, keys] = await Promise.all([getTranslations('integrations'), listApiKeys(actor)]);
  return (
    <div className="container dashboard">
      <BackLink href="/dashboard">{t('backToDashboard')}</BackLink>
      <h1>{t('apiKeysTitle')}</h1>
      <p>{t('apiKeysIntro')}</p>
      <section className="card" aria-labelledby="new-key">
        <h2 id="new-key">{t('apiKeyCreate')}</h2>
        <ApiKeyForm action={createApiKeyAction} />
      </section>
      <section className="card" aria-labelledby="keys">
        <h2 id="keys">{t('apiKeysTitle')}</h2>
        {keys.length === 0 && <p className="muted">{t('apiKeysNone')}</p>}
        <ul className="plain-list">
          {keys.map((k) => (
            <li key={k.id}>
              <p>
                <strong dir="auto">{k.name}</strong> <code dir="ltr">{k.prefix}…</code>
              </p>
              <p className="muted">
                {t('apiKeyCreated', { time: formatMoment(locale, k.createdAt) })} ·{' '}
                {k.lastUsedAt ? t('apiKeyLastUsed', { time: formatMoment(locale, k.lastUsedAt) }) : t('apiKeyNeverUsed')}
                {k.revokedAt && <> · {t('apiKeyRevoked', { time: formatMoment(locale, k.revokedAt) })}</>}
              </p>
              {!k.revokedAt && (
                <ActionForm action={revokeApiKeyAction} hidden={{ id: k.id }} submitLabel={t('revoke')} doneMessage={t('saved')} variant="danger" />
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
