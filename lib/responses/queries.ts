import 'server-only';
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { deliveries, deliveryRecipients, demands, petitionTargets, targetResponses } from '@/db/schema';

/** Days after its delivery email was sent before a target that has not answered is shown as "no response". */
export const NO_RESPONSE_AFTER_DAYS = 30;

export type TargetStatus = 'not_delivered' | 'delivered' | 'responded' | 'no_response';

/**
 * Each target of the petition with its status: not yet delivered, delivered, responded (an approved
 * response), or no response `NO_RESPONSE_AFTER_DAYS` after its first delivery email was sent. Public: no email.
 * `db` is the pool to read from (the public pages pass the replica's).
 */
export async function listTargetStatuses(petitionId: string, db: Db = getDb()) {
  const t = petitionTargets;
  const firstSent = db
    .select({ at: sql`min(${deliveryRecipients.sentAt})` })
    .from(deliveryRecipients)
    .innerJoin(deliveries, eq(deliveries.id, deliveryRecipients.deliveryId))
    .where(and(eq(deliveryRecipients.targetId, t.id), sql`${deliveries.kind} <> 'test'`));
  const responded = db
    .select({ one: sql`1` })
    .from(targetResponses)
    .where(and(eq(targetResponses.targetId, t.id), isNotNull(targetResponses.approvedAt)));
  const rows = await db
    .select({
      id: t.id,
      name: t.name,
      role: t.role,
      language: t.language,
      deliveredAt: sql<Date | null>`(${firstSent})`.mapWith((v: string | null) => (v ? new Date(v) : null)),
      responded: sql<boolean>`exists (${responded})`,
    })
    .from(t)
    .where(eq(t.petitionId, petitionId))
    .orderBy(asc(t.position));
  const cutoff = Date.now() - NO_RESPONSE_AFTER_DAYS * 24 * 3600 * 1000;
  return rows.map((r): (typeof rows)[number] & { status: TargetStatus } => ({
    ...r,
    status: r.responded ? 'responded' : !r.deliveredAt ? 'not_delivered' : r.deliveredAt.getTime() < cutoff ? 'no_response' : 'delivered',
  }));
}

export type PublicResponse = { id: string; targetName: string; body: string; respondedOn: string; sourceUrl: string | null };

/** Approved responses, newest first: what the page, the widget and the API show (read from `db`). */
export async function listPublicResponses(petitionId: string, db: Db = getDb()): Promise<PublicResponse[]> {
  const r = targetResponses;
  return db
    .select({ id: r.id, targetName: r.targetName, body: r.body, respondedOn: r.respondedOn, sourceUrl: r.sourceUrl })
    .from(r)
    .where(and(eq(r.petitionId, petitionId), isNotNull(r.approvedAt)))
    .orderBy(desc(r.respondedOn), desc(r.createdAt))
    .limit(50);
}

/** Responses targets sent through their link, waiting for an organiser's approval (the caller checked access). */
export async function listPendingResponses(petitionId: string) {
  const r = targetResponses;
  return getDb()
    .select({ id: r.id, targetName: r.targetName, body: r.body, respondedOn: r.respondedOn, sourceUrl: r.sourceUrl, createdAt: r.createdAt })
    .from(r)
    .where(and(eq(r.petitionId, petitionId), isNull(r.approvedAt), isNull(r.rejectedAt)))
    .orderBy(asc(r.createdAt));
}

/** Each demand with its outcome, in order, and how many are met: "2 of 4 demands met" (read from `db`). */
export async function listDemandOutcomes(petitionId: string, db: Db = getDb()) {
  const list = await db
    .select({ id: demands.id, text: demands.text, outcome: demands.outcome, note: demands.outcomeNote, on: demands.outcomeOn })
    .from(demands)
    .where(eq(demands.petitionId, petitionId))
    .orderBy(asc(demands.position));
  return { demands: list, met: list.filter((d) => d.outcome === 'met').length, total: list.length };
}
