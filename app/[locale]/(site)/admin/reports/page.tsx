import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { requireOrganiser } from '@/lib/auth/require';
import { formatMoment } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { listOpenReports } from '@/lib/moderation/reports';
import { dismissReportAction, hidePetitionAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

export default async function ReportsPage({ params }: PageProps<'/[locale]/admin/reports'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, '/admin/reports');
  const reports = await listOpenReports(actor);
  if (!reports) notFound();
  const t = await getTranslations('admin');
  return (
    <div className="container">
      <h1>{t('title')}</h1>
      {reports.length === 0 && <p className="muted">{t('empty')}</p>}
      <ul className="report-list">
        {reports.map((r) => (
          <li key={r.id} className="card">
            <h2 dir="auto">
              <Link href={`/p/${r.slug}`}>{r.title}</Link>
            </h2>
            <p>
              <strong>{t(`reasons.${r.reason}`)}</strong> · <time dateTime={r.createdAt.toISOString()}>{formatMoment(locale, r.createdAt)}</time>
            </p>
            {r.details && <p dir="auto">{r.details}</p>}
            {r.email && <p dir="ltr">{r.email}</p>}
            <div className="button-row">
              {!r.hidden && (
                <ActionForm
                  action={hidePetitionAction}
                  hidden={{ reportId: String(r.id) }}
                  variant="danger"
                  submitLabel={t('hide')}
                  doneMessage={t('hidden')}
                />
              )}
              <ActionForm action={dismissReportAction} hidden={{ reportId: String(r.id) }} submitLabel={t('dismiss')} doneMessage={t('dismissed')} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
