import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

/** The dashboard's way to the delivery page. */
export async function DeliveryLink({ slug }: { slug: string }) {
  const t = await getTranslations('deliveries');
  return (
    <Link href={`/dashboard/petitions/${slug}/delivery`} className="button button-secondary">
      {t('link')}
    </Link>
  );
}
