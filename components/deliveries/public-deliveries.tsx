import { getTranslations } from 'next-intl/server';
import { listPublicDeliveries } from '@/lib/deliveries/queries';
import { dateTimeFormat } from '@/lib/i18n/format';
import { localizedPath } from '@/lib/i18n/paths';

/** "Delivered to … on … with N signatures" for each real delivery, with its document; names only, never an email. */
export async function PublicDeliveries({ petitionId, slug, locale }: { petitionId: string; slug: string; locale: string }) {
  const list = await listPublicDeliveries(petitionId);
  if (list.length === 0) return null;
  const t = await getTranslations('deliveries');
  const date = dateTimeFormat(locale, { dateStyle: 'long' });
  return (
    <section className="card deliveries-public" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title" className="card-title">
        {t('publicTitle')}
      </h2>
      <ul>
        {list.map((d) => (
          <li key={d.id}>
            <p>
              {t.rich('deliveredTo', {
                target: d.to.join(', '),
                count: d.signatureCount,
                date: () => <time dateTime={d.createdAt.toISOString()}>{date.format(d.createdAt)}</time>,
              })}{' '}
              <a href={localizedPath(locale, `/p/${slug}/deliveries/${d.id}`)}>{t('document')}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
