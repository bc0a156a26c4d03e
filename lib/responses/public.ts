import 'server-only';
import { readPublic } from '@/db/client';
import { NO_RESPONSE_AFTER_DAYS, listDemandOutcomes, listPublicResponses, listTargetStatuses } from './queries';

/** What the public sees of a petition's accountability: targets' statuses, approved responses, demand outcomes (from the public reads' pool: a replica may serve it). */
export async function getAccountability(petitionId: string) {
  const [targets, responses, outcomes] = await readPublic((db) =>
    Promise.all([listTargetStatuses(petitionId, db), listPublicResponses(petitionId, db), listDemandOutcomes(petitionId, db)]),
  );
  return { targets, responses, outcomes, noResponseAfterDays: NO_RESPONSE_AFTER_DAYS };
}

/** The widget's part of it: demand outcomes and approved responses, from the public reads' pool. */
export async function getWidgetAccountability(petitionId: string) {
  const [outcomes, responses] = await readPublic((db) => Promise.all([listDemandOutcomes(petitionId, db), listPublicResponses(petitionId, db)]));
  return { outcomes, responses };
}

export type Accountability = Awaited<ReturnType<typeof getAccountability>>;

/** The API's form of it: names, statuses, texts and dates; never an email address or an internal id. */
export function toApiAccountability(a: Accountability) {
  return {
    targetStatuses: a.targets.map((t) => ({
      name: t.name,
      role: t.role,
      language: t.language,
      status: t.status,
      deliveredAt: t.deliveredAt?.toISOString() ?? null,
    })),
    responses: a.responses.map((r) => ({ target: r.targetName, text: r.body, respondedOn: r.respondedOn, source: r.sourceUrl })),
    demandOutcomes: a.outcomes.demands.map((d) => ({ demand: d.text, outcome: d.outcome, note: d.note, on: d.on })),
    demandsMet: a.outcomes.met,
    demandsTotal: a.outcomes.total,
  };
}
