import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireOrganiser } from '@/lib/auth/require';
import { formatNumber } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { listOrganiserPetitions } from '@/lib/organisers/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

export default async function DashboardPage({ params }: PageProps<'/[locale]/dashboard'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, '/dashboard');
  const [t, ti, petitions] = await Promise.all([getTranslations('dashboard'), getTranslations('integrations'), listOrganiserPetitions(actor)]);
  return (
    <div className="container">
      <div className="page-heading">
        <h1>{t('title')}</h1>
        <Link href="/dashboard/petitions/new" className="button button-primary">
          {t('newPetition')}
        </Link>
        <Link href="/dashboard/api-keys" className="button button-secondary">
          {ti('apiKeysLink')}
        </Link>
      </div>
      {petitions.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('petition')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('signatures')}</th>
            </tr>
          </thead>
          <tbody>
            {petitions.map((p) => (
              <tr key={p.slug}>
                <td>
                  <Link href={`/dashboard/petitions/${p.slug}`} dir="auto">
                    {p.title || t('untitled')}
                  </Link>
                </td>
                <td>
                  <span className={`badge badge-${p.status}`}>{t(`statuses.${p.victory ? 'victory' : p.status}`)}</span>
                </td>
                <td>
                  {formatNumber(locale, p.signatureCount)} / {formatNumber(locale, p.goal)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
