import { getTranslations } from 'next-intl/server';
import { PlainLink as Link } from '@/components/plain-link';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="container narrow panel not-found">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href="/" className="button button-primary">
          {t('back')}
        </Link>
      </p>
    </div>
  );
}
