import { DeliveryLink } from '@/components/deliveries/delivery-link';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { AutoRefresh } from '@/components/dashboard/auto-refresh';
import { Breakdown } from '@/components/dashboard/breakdown';
import { HeadlineFigures } from '@/components/dashboard/figures';
import { HourlyBars, SignatureChart } from '@/components/dashboard/signature-chart';
import { UpdateComposer } from '@/components/dashboard/update-composer';
import { countryName } from '@/lib/countries';
import { getDashboard, listSignaturesForOrganiser } from '@/lib/dashboard/queries';
import { listUpdatesForOrganiser } from '@/lib/updates/updates';
import { Progress } from '@/components/progress';
import { ShareLink } from '@/components/share-link';
import { requireOrganiser } from '@/lib/auth/require';
import { getEnv } from '@/lib/env';
import { formatMoment, formatNumber } from '@/lib/i18n/format';
import { Link } from '@/lib/i18n/navigation';
import { listOrganisers } from '@/lib/organisers/invites';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { MAX_COVER_BYTES } from '@/lib/petitions/cover';
import { nextGoal } from '@/lib/petitions/lifecycle';
import { petitionLimits } from '@/lib/petitions/schemas';
import {
  closePetitionAction,
  declareVictoryAction,
  hideCommentAction,
  sendUpdateAction,
  inviteOrganiserAction,
  raiseGoalAction,
  removeCoverAction,
  removeOrganiserAction,
  uploadCoverAction,
} from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

export default async function PetitionOverviewPage({ params, searchParams }: PageProps<'/[locale]/dashboard/petitions/[slug]'>) {
  const [{ locale, slug }, query] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}`);
  const q = typeof query.q === 'string' ? query.q : '';
  const [petition, team, dashboard, signatures, updates] = await Promise.all([
    getPetitionForOrganiser(actor, slug),
    listOrganisers(actor, slug),
    getDashboard(actor, slug),
    listSignaturesForOrganiser(actor, slug, { q }),
    listUpdatesForOrganiser(actor, slug),
  ]);
  if (!petition || !team || !dashboard || !signatures || !updates) notFound();
  const [t, ts, tm] = await Promise.all([getTranslations('dashboard'), getTranslations('stats'), getTranslations('moderation')]);
  const optedIn = dashboard.figures.optedIn;
  const hidden = { slug: petition.slug };
  const status = petition.victoryMessage ? 'victory' : petition.status;
  const goalReached = petition.status === 'open' && petition.signatureCount >= petition.goal;
  const suggested = nextGoal(Math.max(petition.signatureCount, petition.goal));

  return (
    <div className="container dashboard">
      <p>
        <Link href="/dashboard">
          <span className="back-arrow" aria-hidden="true">
            ←
          </span>{' '}
          {t('title')}
        </Link>
      </p>
      {query.saved === 'publish' && (
        <p className="notice" role="status">
          {t('published')}
        </p>
      )}
      {query.saved === 'draft' && (
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

      <AutoRefresh />
      <section className="card stats" aria-labelledby="stats-title">
        <h2 id="stats-title">{ts('title')}</h2>
        <HeadlineFigures figures={dashboard.figures} locale={locale} />
        <SignatureChart daily={dashboard.daily} goal={petition.goal} milestones={dashboard.milestones} locale={locale} />
        <h3>{ts('hourlyTitle')}</h3>
        <HourlyBars hourly={dashboard.hourly} locale={locale} />
        <div className="dashboard-grid">
          <Breakdown
            caption={ts('byCountry')}
            keyLabel={ts('country')}
            rows={dashboard.countries}
            label={(k) => (k ? countryName(locale, k) : '—')}
            locale={locale}
          />
          <Breakdown caption={ts('bySource')} keyLabel={ts('source')} rows={dashboard.sources} label={(k) => k ?? ts('direct')} locale={locale} />
        </div>
        <p className="button-row">
          <a className="button button-secondary" href={`/api/dashboard/petitions/${petition.slug}/export?scope=confirmed`} download>
            {ts('exportConfirmed')}
          </a>
          <a className="button button-secondary" href={`/api/dashboard/petitions/${petition.slug}/export?scope=all`} download>
            {ts('exportAll')}
          </a>
        </p>
        <p className="hint">{ts('exportNote')}</p>
      </section>

      <section className="card" aria-labelledby="signers-title">
        <h2 id="signers-title">{ts('recent')}</h2>
        <form method="get" role="search" className="search-row">
          <label htmlFor="signature-search">{ts('search')}</label>
          <input id="signature-search" name="q" type="search" defaultValue={q} dir="auto" />
          <button type="submit" className="button button-secondary">
            {ts('searchButton')}
          </button>
        </form>
        <p className="hint">{ts('emailsNote')}</p>
        <table className="table signers">
          <thead>
            <tr>
              <th scope="col">{ts('name')}</th>
              <th scope="col">{ts('email')}</th>
              <th scope="col">{ts('country')}</th>
              <th scope="col">{ts('time')}</th>
              <th scope="col">{ts('comment')}</th>
            </tr>
          </thead>
          <tbody>
            {signatures.map((s) => (
              <tr key={s.id}>
                <td dir="auto">
                  {s.name ?? <span className="muted">{ts('nameWithheld')}</span>}
                  {s.status !== 'confirmed' && <span className="muted"> ({ts(`statuses.${s.status}`)})</span>}
                </td>
                <td dir="ltr">
                  {s.email ?? (
                    <span className="muted" dir="auto">
                      {ts('emailWithheld')}
                    </span>
                  )}
                </td>
                <td>{countryName(locale, s.country)}</td>
                <td>
                  <time dateTime={s.createdAt.toISOString()}>{formatMoment(locale, s.createdAt)}</time>
                </td>
                <td>
                  {s.comment && (
                    <span dir="auto" className={s.commentHidden ? 'comment-hidden' : undefined}>
                      {s.comment}
                    </span>
                  )}
                  {s.comment && (
                    <ActionForm
                      action={hideCommentAction}
                      hidden={{ slug: petition.slug, signatureId: String(s.id), hidden: String(!s.commentHidden) }}
                      className="inline-action"
                      submitLabel={s.commentHidden ? ts('showComment') : ts('hideComment')}
                      doneMessage={ts('commentUpdated')}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {signatures.length === 0 && <p className="muted">{ts('noSignatures')}</p>}
      </section>

      {petition.status !== 'draft' && (
        <section className="card" aria-labelledby="updates-title">
          <h2 id="updates-title">{ts('updates')}</h2>
          <UpdateComposer action={sendUpdateAction} slug={petition.slug} remaining={updates.remainingThisWeek} recipients={optedIn} />
          <ul className="update-list">
            {updates.updates.map((u) => (
              <li key={u.id}>
                <strong dir="auto">{u.subject}</strong> · <time dateTime={u.createdAt.toISOString()}>{formatMoment(locale, u.createdAt)}</time>{' '}
                <span className="muted">{ts('delivered', { sent: u.sent, total: u.recipients })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

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
            <Link href={`/dashboard/petitions/${petition.slug}/invalidate`} className="button button-secondary">
              {tm('link')}
            </Link>
            <DeliveryLink slug={petition.slug} />
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
                action={raiseGoalAction}
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

        <section className="card" aria-labelledby="lifecycle-title">
          <h2 id="lifecycle-title">{t('lifecycle')}</h2>
          {petition.status === 'draft' && (
            <p>
              {t('draftNote')} <Link href={`/dashboard/petitions/${petition.slug}/edit`}>{t('edit')}</Link>
            </p>
          )}
          {petition.status === 'open' && (
            <ActionForm action={closePetitionAction} hidden={hidden} variant="danger" submitLabel={t('close')} doneMessage={t('closed')} />
          )}
          {petition.status !== 'draft' && !petition.victoryMessage && (
            <ActionForm action={declareVictoryAction} hidden={hidden} variant="primary" submitLabel={t('declareVictory')} doneMessage={t('victoryDeclared')}>
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

        <section className="card" aria-labelledby="team-title">
          <h2 id="team-title">{t('team')}</h2>
          <ul className="team-list">
            {team.members.map((m) => (
              <li key={m.accountId}>
                <span dir="ltr">{m.email}</span> <span className="muted">({t(`roles.${m.role}`)})</span>
                {petition.role === 'owner' && m.role !== 'owner' && (
                  <ActionForm
                    action={removeOrganiserAction}
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
                    action={removeOrganiserAction}
                    hidden={{ ...hidden, inviteId: p.id }}
                    className="inline-action"
                    submitLabel={t('withdraw')}
                    doneMessage={t('removed')}
                  />
                )}
              </li>
            ))}
          </ul>
          <ActionForm action={inviteOrganiserAction} hidden={hidden} submitLabel={t('invite')} doneMessage={t('inviteSent')}>
            <div className="field">
              <label htmlFor="invite-email">{t('inviteEmail')}</label>
              <input id="invite-email" name="email" type="email" dir="ltr" autoComplete="off" required />
            </div>
          </ActionForm>
        </section>

        <section className="card" aria-labelledby="cover-title">
          <h2 id="cover-title">{t('cover')}</h2>
          {petition.hasCover && (
            // eslint-disable-next-line @next/next/no-img-element -- re-encoded on upload
            <img className="cover" src={`/api/petitions/${petition.slug}/cover?v=${Date.now()}`} alt={t('coverAlt')} width={1200} height={630} />
          )}
          <ActionForm action={uploadCoverAction} hidden={hidden} submitLabel={t('uploadCover')} doneMessage={t('coverSaved')}>
            <div className="field">
              <label htmlFor="cover-file">{t('coverFile')}</label>
              <input id="cover-file" name="cover" type="file" accept="image/jpeg,image/png,image/webp" required />
              <p className="hint">{t('coverHint', { mb: MAX_COVER_BYTES / 1024 / 1024 })}</p>
            </div>
          </ActionForm>
          {petition.hasCover && <ActionForm action={removeCoverAction} hidden={hidden} submitLabel={t('removeCover')} doneMessage={t('coverRemoved')} />}
        </section>
      </div>
    </div>
  );
}
