import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { ActionNetworkForm, RotateSecretForm, WebhookForm } from '@/components/integrations/secret-forms';
import { requireOrganiser } from '@/lib/auth/require';
import { formatMoment } from '@/lib/i18n/format';
import { listIntegrations } from '@/lib/integrations/endpoints';
import { EVENT_LABELS, isEventType } from '@/lib/integrations/event-types';
import { addWebhookAction, connectActionNetworkAction, removeEndpointAction, resendDeliveryAction, rotateSecretAction, toggleEndpointAction } from './actions';
import { BackToPetition } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** A petition's webhooks and Action Network connection: add, switch, remove, rotate; recent deliveries, resend. */
export default async function IntegrationsPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/integrations'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/integrations`);
  const data = await listIntegrations(actor, slug);
  if (!data) notFound();
  const t = await getTranslations('integrations');
  const { petition, endpoints, deliveries } = data;
  const nameOf = new Map(endpoints.map((e) => [e.id, e.kind === 'webhook' ? e.target : `Action Network ${e.target}`]));
  const statusLabel = { pending: t('statusPending'), delivered: t('statusDelivered'), failed: t('statusFailed') } as const;
  return (
    <div className="container dashboard">
      <BackToPetition petition={petition} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {petition.atRisk && <p className="notice">{t('atRiskNote')}</p>}
      <section className="card" aria-labelledby="endpoints">
        <h2 id="endpoints">{t('webhooksTitle')}</h2>
        {endpoints.length === 0 && <p className="muted">{t('none')}</p>}
        <ul className="plain-list">
          {endpoints.map((e) => (
            <li key={e.id} className="endpoint">
              <p>
                <strong dir="ltr">{nameOf.get(e.id)}</strong> — {e.enabled ? t('on') : t('off')}
                {e.disabledAt && <> ({t('disabledByPlatform')})</>}
                {e.failingSince && e.enabled && <> ({t('failingSince', { time: formatMoment(locale, e.failingSince) })})</>}
              </p>
              <p className="muted">{e.events.map((type) => (isEventType(type) ? t(EVENT_LABELS[type]) : type)).join(', ')}</p>
              <ActionForm
                action={toggleEndpointAction}
                hidden={{ slug: petition.slug, id: e.id, enabled: e.enabled ? 'false' : 'true' }}
                submitLabel={e.enabled ? t('switchOff') : t('switchOn')}
                doneMessage={t('saved')}
              />
              {e.kind === 'webhook' && <RotateSecretForm action={rotateSecretAction} slug={petition.slug} endpointId={e.id} />}
              <ActionForm
                action={removeEndpointAction}
                hidden={{ slug: petition.slug, id: e.id }}
                submitLabel={t('remove')}
                doneMessage={t('saved')}
                variant="danger"
              />
            </li>
          ))}
        </ul>
        <h3>{t('addTitle')}</h3>
        <WebhookForm action={addWebhookAction} slug={petition.slug} />
      </section>
      {!petition.atRisk && (
        <section className="card" aria-labelledby="action-network">
          <h2 id="action-network">{t('anTitle')}</h2>
          <p>{t('anIntro')}</p>
          <ActionNetworkForm action={connectActionNetworkAction} slug={petition.slug} />
        </section>
      )}
      <section className="card" aria-labelledby="deliveries">
        <h2 id="deliveries">{t('deliveriesTitle')}</h2>
        {deliveries.length === 0 ? (
          <p className="muted">{t('deliveriesEmpty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colTime')}</th>
                <th scope="col">{t('colEndpoint')}</th>
                <th scope="col">{t('colEvent')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAttempts')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('resend')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{formatMoment(locale, d.lastAttemptAt ?? d.occurredAt)}</td>
                  <td dir="ltr">{nameOf.get(d.endpointId)}</td>
                  <td dir="ltr">
                    <code>{d.type}</code>
                  </td>
                  <td>
                    {statusLabel[d.status]}
                    {d.lastStatusCode !== null && <> (HTTP {d.lastStatusCode})</>}
                    {d.lastError && <span className="muted"> {d.lastError}</span>}
                  </td>
                  <td>{d.attempts}</td>
                  <td>
                    <ActionForm
                      action={resendDeliveryAction}
                      hidden={{ slug: petition.slug, id: String(d.id) }}
                      submitLabel={t('resend')}
                      doneMessage={t('queued')}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
