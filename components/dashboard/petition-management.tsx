import { getTranslations } from 'next-intl/server';
import { ActionForm, type DashboardAction } from '@/components/dashboard/action-form';
import { DeliveryLink } from '@/components/deliveries/delivery-link';
import { Progress } from '@/components/progress';
import { ShareLink } from '@/components/share-link';
import type { PetitionOverview } from '@/lib/dashboard/overview';
import { getEnv } from '@/lib/env';
import { dateTimeFormat, formatNumber } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { MAX_COVER_BYTES } from '@/lib/petitions/cover';
import { nextGoal } from '@/lib/petitions/lifecycle';
import { petitionLimits } from '@/lib/petitions/schemas';

/** The server actions the cards' forms post to, passed down by the page. */
export type ManagementActions = {
  raiseGoal: DashboardAction;
  close: DashboardAction;
  declareVictory: DashboardAction;
  invite: DashboardAction;
  removeOrganiser: DashboardAction;
  uploadCover: DashboardAction;
  removeCover: DashboardAction;
  switchToAtRisk: DashboardAction;
};

type Petition = PetitionOverview['petition'];
type T = Awaited<ReturnType<typeof getTranslations<'dashboard'>>>;

/**
 * The cards for running the petition: its progress (and a higher goal once reached), sharing, closing
 * or declaring victory, the team and invitations, and the cover image.
 */
export async function PetitionManagement({
  petition,
  team,
  readAt,
  locale,
  actions,
}: {
  petition: Petition;
  team: PetitionOverview['team'];
  readAt: Date;
  locale: string;
  actions: ManagementActions;
}) {
  const [t, tm, ti] = await Promise.all([getTranslations('dashboard'), getTranslations('moderation'), getTranslations('integrations')]);
  const hidden = { slug: petition.slug };
  const goalReached = petition.status === 'open' && petition.signatureCount >= petition.goal;
  const suggested = nextGoal(Math.max(petition.signatureCount, petition.goal));
  return (
    <div className="dashboard-grid">
      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('signatures')}</h2>
        <Progress count={petition.signatureCount} goal={petition.goal} locale={locale} large />
        <p className="button-row">
          <Link href={`/dashboard/petitions/${petition.slug}/edit`} className="button button-secondary">
            {t('edit')}
          </Link>
          <Link href={`/dashboard/petitions/${petition.slug}/preview`} className="button button-secondary">
            {t('preview')}
          </Link>
          <Link href={`/dashboard/petitions/${petition.slug}/translations`} className="button button-secondary">
            {t('translations')}
          </Link>
          <Link href={`/dashboard/petitions/${petition.slug}/questions`} className="button button-secondary">
            {t('questions')}
          </Link>
          <Link href={`/dashboard/petitions/${petition.slug}/invalidate`} className="button button-secondary">
            {tm('link')}
          </Link>
          <DeliveryLink slug={petition.slug} />
          <Link href={`/dashboard/petitions/${petition.slug}/integrations`} className="button button-secondary">
            {ti('link')}
          </Link>
          {petition.status !== 'draft' && (
            <Link href={`/p/${petition.slug}`} className="button button-secondary">
              {t('publicPage')}
            </Link>
          )}
        </p>
        {goalReached && (
          <div className="goal-offer">
            <p>
              <strong>{t('goalReached', { goal: formatNumber(locale, petition.goal) })}</strong>
            </p>
            <ActionForm
              action={actions.raiseGoal}
              hidden={{ ...hidden, goal: String(suggested) }}
              variant="primary"
              submitLabel={t('raiseGoalTo', { goal: formatNumber(locale, suggested) })}
              doneMessage={t('goalRaised')}
            />
          </div>
        )}
      </section>

      {petition.status !== 'draft' && (
        <section className="card" aria-labelledby="share-title">
          <h2 id="share-title">{t('share')}</h2>
          <ShareLink url={`${getEnv().appUrl}/p/${petition.slug}`} title={petition.title} />
        </section>
      )}

      <LifecycleCard petition={petition} actions={actions} t={t} />
      <TeamCard petition={petition} team={team} actions={actions} t={t} />
      <CoverCard petition={petition} readAt={readAt} actions={actions} t={t} />
      <AtRiskCard petition={petition} actions={actions} t={t} locale={locale} />
    </div>
  );
}

function LifecycleCard({ petition, actions, t }: { petition: Petition; actions: ManagementActions; t: T }) {
  const hidden = { slug: petition.slug };
  return (
    <section className="card" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('lifecycle')}</h2>
      {petition.status === 'draft' && (
        <p>
          {t('draftNote')} <Link href={`/dashboard/petitions/${petition.slug}/edit`}>{t('edit')}</Link>
        </p>
      )}
      {petition.status === 'open' && <ActionForm action={actions.close} hidden={hidden} variant="danger" submitLabel={t('close')} doneMessage={t('closed')} />}
      {petition.status !== 'draft' && !petition.victoryMessage && (
        <ActionForm action={actions.declareVictory} hidden={hidden} variant="primary" submitLabel={t('declareVictory')} doneMessage={t('victoryDeclared')}>
          <div className="field">
            <label htmlFor="victory-message">{t('victoryMessage')}</label>
            <textarea id="victory-message" name="message" rows={2} dir="auto" maxLength={petitionLimits.victory * 2} required />
            <p className="hint">{t('victoryHint', { max: petitionLimits.victory })}</p>
          </div>
        </ActionForm>
      )}
      {petition.victoryMessage && (
        <p className="victory" dir="auto">
          {petition.victoryMessage}
        </p>
      )}
    </section>
  );
}

/**
 * At-risk mode: what switching it on costs, said plainly before the one button (nothing personal of
 * confirmed signers is kept, so no updates, no names, no emails in the CSV, and never off again);
 * once on, since when.
 */
function AtRiskCard({ petition, actions, t, locale }: { petition: Petition; actions: ManagementActions; t: T; locale: string }) {
  return (
    <section className="card" aria-labelledby="at-risk-title">
      <h2 id="at-risk-title">{t('atRisk.title')}</h2>
      {petition.atRiskAt ? (
        <p role="status">{t('atRisk.onSince', { date: dateTimeFormat(locale, { dateStyle: 'long' }).format(petition.atRiskAt) })}</p>
      ) : (
        <>
          <p>{t('atRisk.what')}</p>
          <div className="notice" id="at-risk-warning">
            <p>
              <strong>{t('atRisk.warningTitle')}</strong>
            </p>
            <ul>
              <li>{t('atRisk.loseNames')}</li>
              <li>{t('atRisk.loseEmails')}</li>
              <li>{t('atRisk.loseUpdates')}</li>
              <li>{t('atRisk.loseExisting')}</li>
              <li>
                <strong>{t('atRisk.never')}</strong>
              </li>
            </ul>
          </div>
          <ActionForm
            action={actions.switchToAtRisk}
            hidden={{ slug: petition.slug }}
            variant="danger"
            submitLabel={t('atRisk.switch')}
            doneMessage={t('atRisk.switched')}
          >
            <div className="check">
              <input id="at-risk-understood" name="understood" type="checkbox" value="yes" required aria-describedby="at-risk-warning" />
              <label htmlFor="at-risk-understood">{t('atRisk.understood')}</label>
            </div>
          </ActionForm>
        </>
      )}
    </section>
  );
}

function TeamCard({ petition, team, actions, t }: { petition: Petition; team: PetitionOverview['team']; actions: ManagementActions; t: T }) {
  const hidden = { slug: petition.slug };
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">{t('team')}</h2>
      <ul className="team-list">
        {team.members.map((m) => (
          <li key={m.accountId}>
            <span dir="ltr">{m.email}</span> <span className="muted">({t(`roles.${m.role}`)})</span>
            {petition.role === 'owner' && m.role !== 'owner' && (
              <ActionForm
                action={actions.removeOrganiser}
                hidden={{ ...hidden, accountId: m.accountId }}
                className="inline-action"
                submitLabel={t('remove')}
                doneMessage={t('removed')}
              />
            )}
          </li>
        ))}
        {team.pending.map((p) => (
          <li key={p.id}>
            <span dir="ltr">{p.email}</span> <span className="muted">({t('invited')})</span>
            {petition.role === 'owner' && (
              <ActionForm
                action={actions.removeOrganiser}
                hidden={{ ...hidden, inviteId: p.id }}
                className="inline-action"
                submitLabel={t('withdraw')}
                doneMessage={t('removed')}
              />
            )}
          </li>
        ))}
      </ul>
      <ActionForm action={actions.invite} hidden={hidden} submitLabel={t('invite')} doneMessage={t('inviteSent')}>
        <div className="field">
          <label htmlFor="invite-email">{t('inviteEmail')}</label>
          <input id="invite-email" name="email" type="email" dir="ltr" autoComplete="off" required />
        </div>
      </ActionForm>
    </section>
  );
}

function CoverCard({ petition, readAt, actions, t }: { petition: Petition; readAt: Date; actions: ManagementActions; t: T }) {
  const hidden = { slug: petition.slug };
  return (
    <section className="card" aria-labelledby="cover-title">
      <h2 id="cover-title">{t('cover')}</h2>
      {petition.hasCover && (
        // eslint-disable-next-line @next/next/no-img-element -- re-encoded on upload
        <img className="cover" src={`/api/petitions/${petition.slug}/cover?v=${readAt.getTime()}`} alt={t('coverAlt')} width={1200} height={630} />
      )}
      <ActionForm action={actions.uploadCover} hidden={hidden} submitLabel={t('uploadCover')} doneMessage={t('coverSaved')}>
        <div className="field">
          <label htmlFor="cover-file">{t('coverFile')}</label>
          <input id="cover-file" name="cover" type="file" accept="image/jpeg,image/png,image/webp" required />
          <p className="hint">{t('coverHint', { mb: MAX_COVER_BYTES / 1024 / 1024 })}</p>
        </div>
      </ActionForm>
      {petition.hasCover && <ActionForm action={actions.removeCover} hidden={hidden} submitLabel={t('removeCover')} doneMessage={t('coverRemoved')} />}
    </section>
  );
}
