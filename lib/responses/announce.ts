import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { demands, petitionUpdates, petitions, targetResponses } from '@/db/schema';
import { translatorFor } from '@/lib/i18n/translate';
import { queuePetitionEvents } from '@/lib/integrations/events';
import { petitionLimits } from '@/lib/petitions/schemas';
import { targetLimits } from '@/lib/targets/schemas';
import { announceToSigners } from './statements';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/**
 * Announcements (responses and demand outcomes) mailed to a petition's signers in 7 days outside the
 * weekly cap on updates: one per target and per demand a petition can have. Without it, recording a
 * response, or editing a demand's text and marking it met again, would mail every opted-in signer as
 * often as an organiser pressed the button, with text of their choosing.
 */
export const ANNOUNCEMENTS_PER_WEEK = targetLimits.targets + petitionLimits.demands;

/** Whether the petition may still announce outside the cap this week; counted under a per-petition lock, so announcements at once cannot all pass the count together. */
async function mayAnnounce(tx: Tx, petitionId: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'announce:' + petitionId}, 0))`);
  const [recent] = await tx
    .select({ n: count() })
    .from(petitionUpdates)
    .where(
      and(eq(petitionUpdates.petitionId, petitionId), eq(petitionUpdates.outsideCap, true), gt(petitionUpdates.createdAt, sql`now() - interval '7 days'`)),
    );
  return (recent?.n ?? 0) < ANNOUNCEMENTS_PER_WEEK;
}

/** Quotes people's text as a Markdown block quote (rendered without raw HTML, as every update is). */
const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/**
 * Announces an approved response to opted-in signers once, within ANNOUNCEMENTS_PER_WEEK per petition: claims it (a conditional update of
 * `announced_update_id`) and queues the update in the same transaction, in the petition's language.
 */
export async function announceResponse(tx: Tx, responseId: string): Promise<void> {
  const [r] = await tx
    .select({
      petitionId: targetResponses.petitionId,
      targetName: targetResponses.targetName,
      body: targetResponses.body,
      sourceUrl: targetResponses.sourceUrl,
      language: petitions.language,
    })
    .from(targetResponses)
    .innerJoin(petitions, eq(petitions.id, targetResponses.petitionId))
    .where(and(eq(targetResponses.id, responseId), isNull(targetResponses.announcedUpdateId), sql`${targetResponses.approvedAt} is not null`))
    .for('update', { of: targetResponses });
  if (!r) return;
  // Beyond the allowance the response is still shown on the petition page; it is not mailed.
  if (!(await mayAnnounce(tx, r.petitionId))) return;
  const t = translatorFor(r.language);
  const body = `${quote(r.body)}${r.sourceUrl ? `\n\n${t('responses.source')}: <${r.sourceUrl}>` : ''}`;
  const { updateId } = await announceToSigners(tx, r.petitionId, t('responses.announceSubject', { target: r.targetName }), body);
  await tx.update(targetResponses).set({ announcedUpdateId: updateId }).where(eq(targetResponses.id, responseId));
}

/** Announces a demand met or refused to opted-in signers, once per demand (claimed by `outcome_announced_at`), within ANNOUNCEMENTS_PER_WEEK per petition. */
export async function announceOutcome(tx: Tx, demandId: string): Promise<void> {
  const [d] = await tx
    .update(demands)
    .set({ outcomeAnnouncedAt: sql`now()` })
    .where(and(eq(demands.id, demandId), isNull(demands.outcomeAnnouncedAt), sql`${demands.outcome} in ('met', 'refused')`))
    .returning({ petitionId: demands.petitionId, text: demands.text, outcome: demands.outcome, note: demands.outcomeNote });
  if (!d || !(await mayAnnounce(tx, d.petitionId))) return;
  const [p] = await tx.select({ language: petitions.language }).from(petitions).where(eq(petitions.id, d.petitionId));
  const t = translatorFor(p?.language ?? 'en');
  const subject = t(d.outcome === 'met' ? 'responses.announceMet' : 'responses.announceRefused', { title: d.text });
  await announceToSigners(tx, d.petitionId, subject, `${quote(d.text)}${d.note ? `\n\n${d.note}` : ''}`);
}

/** Queues `petition.response` for the petition's webhooks about an approved response, in the caller's transaction. */
export async function queueResponseEvent(tx: Tx, responseId: string): Promise<void> {
  const [r] = await tx
    .select({ petitionId: targetResponses.petitionId, targetName: targetResponses.targetName, respondedOn: targetResponses.respondedOn })
    .from(targetResponses)
    .where(and(eq(targetResponses.id, responseId), sql`${targetResponses.approvedAt} is not null`));
  if (r) await queuePetitionEvents(tx, [r.petitionId], 'petition.response', { response_id: responseId, target: r.targetName, responded_on: r.respondedOn });
}
