import { getTranslations } from 'next-intl/server';
import { UpdateComposer } from '@/components/dashboard/update-composer';
import type { PetitionOverview } from '@/lib/dashboard/overview';
import { formatMoment } from '@/lib/i18n/format';
import type { UpdateFormState } from '@/lib/organisers/action-state';

/** Updates to the opted-in signers: the composer and those already sent, with how many were delivered. */
export async function UpdatesSection({
  slug,
  updates,
  recipients,
  locale,
  sendUpdateAction,
  atRisk = false,
}: {
  /** At-risk mode: no address is kept, so no composer, only why. */
  atRisk?: boolean;
  slug: string;
  updates: PetitionOverview['updates'];
  recipients: number;
  locale: string;
  sendUpdateAction: (prev: UpdateFormState, form: FormData) => Promise<UpdateFormState>;
}) {
  const [ts, tu] = await Promise.all([getTranslations('stats'), getTranslations('updates')]);
  return (
    <section className="card" aria-labelledby="updates-title">
      <h2 id="updates-title">{ts('updates')}</h2>
      {atRisk ? (
        <p role="status">{tu('atRiskNone')}</p>
      ) : (
        <UpdateComposer action={sendUpdateAction} slug={slug} remaining={updates.remainingThisWeek} recipients={recipients} />
      )}
      <ul className="update-list">
        {updates.updates.map((u) => (
          <li key={u.id}>
            <strong dir="auto">{u.subject}</strong> · <time dateTime={u.createdAt.toISOString()}>{formatMoment(locale, u.createdAt)}</time>{' '}
            <span className="muted">{ts('delivered', { sent: u.sent, total: u.recipients })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
