import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/dashboard/auto-refresh';
import { OverviewHeading } from '@/components/dashboard/overview-heading';
import { PetitionManagement } from '@/components/dashboard/petition-management';
import { SignerList } from '@/components/dashboard/signer-list';
import { StatsSection } from '@/components/dashboard/stats-section';
import { UpdatesSection } from '@/components/dashboard/updates-section';
import { requireOrganiser } from '@/lib/auth/require';
import { getPetitionOverview } from '@/lib/dashboard/overview';
import { SIGNER_SEARCH_COOKIE } from '@/lib/dashboard/signer-search';
import {
  closePetitionAction,
  declareVictoryAction,
  hideCommentAction,
  inviteOrganiserAction,
  raiseGoalAction,
  removeCoverAction,
  removeOrganiserAction,
  sendUpdateAction,
  switchToAtRiskAction,
  uploadCoverAction,
} from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

const actions = {
  raiseGoal: raiseGoalAction,
  close: closePetitionAction,
  declareVictory: declareVictoryAction,
  invite: inviteOrganiserAction,
  removeOrganiser: removeOrganiserAction,
  uploadCover: uploadCoverAction,
  removeCover: removeCoverAction,
  switchToAtRisk: switchToAtRiskAction,
};

/** A petition's overview for its organisers: figures and charts, signers, updates, and running the petition. */
export default async function PetitionOverviewPage({ params, searchParams }: PageProps<'/[locale]/dashboard/petitions/[slug]'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}`);
  // The signer search comes in a cookie scoped to this page, never in its address (lib/dashboard/signer-search.ts).
  const q = (await cookies()).get(SIGNER_SEARCH_COOKIE)?.value ?? '';
  const overview = await getPetitionOverview(actor, slug, q);
  if (!overview) notFound();
  const { petition, team, dashboard, signatures, updates, readAt } = overview;
  return (
    <div className="container dashboard">
      <OverviewHeading petition={petition} saved={typeof query.saved === 'string' ? query.saved : undefined} />
      <AutoRefresh />
      <StatsSection
        atRisk={petition.atRiskAt !== null}
        partner={petition.partnerOptIn !== null}
        slug={petition.slug}
        goal={petition.goal}
        dashboard={dashboard}
        readAt={readAt}
        locale={locale}
      />
      {petition.atRiskAt === null && (
        <SignerList
          slug={petition.slug}
          signatures={signatures}
          q={q}
          locale={locale}
          hideCommentAction={hideCommentAction}
          questions={petition.questions}
          language={petition.language}
        />
      )}
      {petition.status !== 'draft' && (
        <UpdatesSection
          atRisk={petition.atRiskAt !== null}
          slug={petition.slug}
          updates={updates}
          recipients={dashboard.figures.optedIn}
          locale={locale}
          sendUpdateAction={sendUpdateAction}
        />
      )}
      <PetitionManagement petition={petition} team={team} readAt={readAt} locale={locale} actions={actions} />
    </div>
  );
}
