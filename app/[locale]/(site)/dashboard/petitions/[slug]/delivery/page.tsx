import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { DeliveryForm } from '@/components/deliveries/delivery-form';
import { DeliveryHistory } from '@/components/deliveries/delivery-history';
import { PlanForm } from '@/components/deliveries/plan-form';
import { requireOrganiser } from '@/lib/auth/require';
import { getDeliveryPlan } from '@/lib/deliveries/plans';
import { listDeliveriesForOrganiser } from '@/lib/deliveries/queries';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { listTargets } from '@/lib/targets/queries';
import { OutcomeForm, RecordResponseForm, ReviewResponseButtons } from '@/components/responses/dashboard-forms';
import { listDemandOutcomes, listPendingResponses } from '@/lib/responses/queries';
import { deliverAction, recordResponseAction, reviewResponseAction, saveDeliveryPlanAction, setOutcomeAction } from './actions';
import { BackToPetition } from '@/components/dashboard/back-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false } };

/** Delivering the petition to its targets: now, as a test, or automatically; and every delivery so far. */
export default async function DeliveryPage({ params }: PageProps<'/[locale]/dashboard/petitions/[slug]/delivery'>) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const actor = await requireOrganiser(locale, `/dashboard/petitions/${slug}/delivery`);
  const petition = await getPetitionForOrganiser(actor, slug);
  if (!petition) notFound();
  const [t, tr, targets, plan, deliveries, pending, outcomes] = await Promise.all([
    getTranslations('deliveries'),
    getTranslations('responses'),
    listTargets(petition.id),
    getDeliveryPlan(petition.id),
    listDeliveriesForOrganiser(petition.id),
    listPendingResponses(petition.id),
    listDemandOutcomes(petition.id),
  ]);
  return (
    <div className="container dashboard">
      <BackToPetition petition={petition} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {petition.status === 'draft' ? (
        <p className="muted">{t('historyEmpty')}</p>
      ) : (
        <section className="card" aria-labelledby="deliver-now">
          <h2 id="deliver-now">{t('send')}</h2>
          <DeliveryForm
            action={deliverAction}
            slug={petition.slug}
            organiserEmail={actor.email}
            targets={targets.map((x) => ({ id: x.id, name: x.name, role: x.role, language: x.language, hasEmail: Boolean(x.email) }))}
          />
        </section>
      )}
      <section className="card" aria-labelledby="deliver-plan">
        <h2 id="deliver-plan">{t('planTitle')}</h2>
        <PlanForm action={saveDeliveryPlanAction} slug={petition.slug} plan={plan} />
      </section>
      <section className="card" aria-labelledby="deliver-history">
        <h2 id="deliver-history">{t('history')}</h2>
        <DeliveryHistory deliveries={deliveries} slug={petition.slug} locale={locale} />
      </section>
      {petition.status !== 'draft' && (
        <>
          <section className="card" aria-labelledby="responses-pending">
            <h2 id="responses-pending">{tr('pendingTitle')}</h2>
            {pending.length === 0 && <p className="muted">{tr('pendingEmpty')}</p>}
            {pending.map((r) => (
              <article key={r.id} className="response">
                <h3>
                  <bdi>{r.targetName}</bdi>
                </h3>
                <blockquote dir="auto">{r.body}</blockquote>
                {r.sourceUrl && (
                  <p dir="ltr">
                    <a href={r.sourceUrl} rel="nofollow noopener">
                      {r.sourceUrl}
                    </a>
                  </p>
                )}
                <ReviewResponseButtons action={reviewResponseAction} slug={petition.slug} responseId={r.id} />
              </article>
            ))}
          </section>
          {targets.length > 0 && (
            <section className="card" aria-labelledby="responses-record">
              <h2 id="responses-record">{tr('recordTitle')}</h2>
              <RecordResponseForm action={recordResponseAction} slug={petition.slug} targets={targets.map((x) => ({ id: x.id, name: x.name }))} />
            </section>
          )}
          <section className="card" aria-labelledby="responses-outcomes">
            <h2 id="responses-outcomes">{tr('outcomesTitle')}</h2>
            {outcomes.demands.map((d, i) => (
              <div key={d.id} className="outcome-row">
                <p dir="auto">
                  {i + 1}. {d.text}
                </p>
                <OutcomeForm action={setOutcomeAction} slug={petition.slug} n={i + 1} demand={d} />
              </div>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
