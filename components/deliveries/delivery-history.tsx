import { getTranslations } from 'next-intl/server';
import { formatMoment } from '@/lib/i18n/format';
import { localizedPath } from '@/lib/i18n/paths';
import type { listDeliveriesForOrganiser } from '@/lib/deliveries/queries';

type Delivery = Awaited<ReturnType<typeof listDeliveriesForOrganiser>>[number];

/** The organisers' record of deliveries: when, why, with what count, to whom and whether each email went. */
export async function DeliveryHistory({ deliveries, slug, locale }: { deliveries: Delivery[]; slug: string; locale: string }) {
  const t = await getTranslations('deliveries');
  if (deliveries.length === 0) return <p className="muted">{t('historyEmpty')}</p>;
  const kind = (k: Delivery['kind']) => (k === 'test' ? t('kindTest') : k === 'manual' ? t('kindManual') : t('kindAutomatic'));
  return (
    <ol className="delivery-history">
      {deliveries.map((d) => (
        <li key={d.id}>
          <p>
            <strong>{formatMoment(locale, d.createdAt)}</strong> — {kind(d.kind)} — {t('signaturesAt', { count: d.signatureCount, total: d.countryCount })} —{' '}
            <a href={localizedPath(locale, `/p/${slug}/deliveries/${d.id}`)}>{t('document')}</a>
          </p>
          <ul>
            {d.recipients.map((r, i) => (
              <li key={i}>
                <bdi>{r.name}</bdi> &lt;<span dir="ltr">{r.email}</span>&gt; — {r.sentAt ? t('sent') : t('waiting')}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
