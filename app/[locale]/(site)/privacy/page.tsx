import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { smallFigureThreshold } from '@/lib/petitions/small-figures';
import { retentionPeriods } from '@/lib/privacy/periods';
import { CONFIRMATION_LINK_DAYS } from '@/lib/signatures/tokens';

export async function generateMetadata({ params }: PageProps<'/[locale]/privacy'>): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'privacy' });
  return { title: t('title') };
}

/** What is kept about signers, for how long, and who sees it: the retention figures come from the running configuration. */
export default async function PrivacyPage({ params }: PageProps<'/[locale]/privacy'>) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('privacy');
  const periods = retentionPeriods();
  const sections = [
    ['keptTitle', [t('kept')]],
    ['storedTitle', [t('stored')]],
    [
      'howLongTitle',
      [
        t('howLong', { ipDays: periods.ipHashDays, anonymiseDays: periods.anonymiseAfterDays }),
        t('howLongWithdrawn', { count: periods.withdrawnDataHours }),
        t('howLongReports', { days: periods.reporterEmailDays }),
        t('howLongAccounts', { days: periods.accountRecordDays }),
      ],
    ],
    ['whoTitle', [t('who')]],
    ['atRiskTitle', [t('atRisk', { days: CONFIRMATION_LINK_DAYS, n: smallFigureThreshold() })]],
    ['rightsTitle', [t('rights')]],
  ] as const;
  return (
    <div className="container narrow prose-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {sections.map(([heading, paragraphs]) => (
        <section key={heading}>
          <h2>{t(heading)}</h2>
          {paragraphs.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </section>
      ))}
    </div>
  );
}
