import { getTranslations } from 'next-intl/server';
import type { PetitionOverview } from '@/lib/dashboard/overview';
import { BackLink } from '@/components/dashboard/back-link';

/** The overview's top: the way back to every petition, what was just saved, the title and status, and whether moderation hid it. */
export async function OverviewHeading({ petition, saved }: { petition: PetitionOverview['petition']; saved: string | undefined }) {
  const t = await getTranslations('dashboard');
  const status = petition.victoryMessage ? 'victory' : petition.status;
  return (
    <>
      <BackLink href="/dashboard">{t('title')}</BackLink>
      {saved === 'publish' && (
        <p className="notice" role="status">
          {t('published')}
        </p>
      )}
      {saved === 'draft' && (
        <p className="notice" role="status">
          {t('saved')}
        </p>
      )}
      <div className="page-heading">
        <h1 dir="auto">{petition.title || t('untitled')}</h1>
        <span className={`badge badge-${petition.status}`}>{t(`statuses.${status}`)}</span>
      </div>
      {petition.hidden && (
        <p className="form-alert" role="alert">
          {t('hiddenNotice')}
        </p>
      )}
    </>
  );
}
