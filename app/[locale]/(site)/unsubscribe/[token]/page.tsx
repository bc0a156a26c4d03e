import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { UnsubscribeButton } from '@/components/unsubscribe-button';
import { unsubscribeAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false }, referrer: 'same-origin' };

export default async function UnsubscribePage({ params }: PageProps<'/[locale]/unsubscribe/[token]'>) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('unsubscribe');
  return (
    <div className="container narrow">
      <section className="panel">
        <h1>{t('title')}</h1>
        <UnsubscribeButton action={unsubscribeAction.bind(null, token)} />
      </section>
    </div>
  );
}
