import 'server-only';
import { and, count, eq, gt, isNotNull, sql, TransactionRollbackError } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { deliveries, petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { deliveryInput, deliveryLimits } from './schemas';
import { insertDelivery } from './statements';

export type DeliverResult =
  | { status: 'queued'; deliveryId: string; recipients: number; test: boolean }
  | { status: 'invalid'; errors: Record<string, string[]> }
  | { status: 'no_recipients' }
  | { status: 'too_many' }
  | { status: 'not_found' };

/**
 * Delivers a published petition the organiser may act on and the moderators have not hidden, now: to every target with an email, to the
 * chosen ones, or (a test) to the organiser alone, in `locale`. One statement records it and queues one
 * email per recipient; nothing is recorded when no chosen target has an email address, nor beyond
 * `deliveryLimits.perDay` deliveries (tests included) by the same organiser in 24 hours.
 */
export async function deliverPetition(actor: Organiser, slug: string, raw: unknown, locale: string): Promise<DeliverResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.status === 'draft') return { status: 'not_found' };
  // A petition the moderators hid is not sent to anyone (automatic deliveries skip it too): its
  // document is gone, and delivering would carry what was hidden to the targets' inboxes.
  const [hidden] = await getDb()
    .select({ id: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.id, petition.id), isNotNull(petitions.hiddenAt)));
  if (hidden) return { status: 'not_found' };
  const parsed = deliveryInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const d = parsed.data;
  const test = d.mode === 'test';
  return getDb()
    .transaction(async (tx) => {
      // Anyone can become an organiser and a target's address is whatever they type: without a cap,
      // "deliver" is an open relay for the organiser's message to ten addresses at a time. The lock
      // makes concurrent presses by the same organiser count one after the other.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'delivery:' + actor.id}, 0))`);
      const [recent] = await tx
        .select({ n: count() })
        .from(deliveries)
        .where(and(eq(deliveries.createdBy, actor.id), gt(deliveries.createdAt, sql`now() - interval '24 hours'`)));
      if ((recent?.n ?? 0) >= deliveryLimits.perDay) return { status: 'too_many' } as const;
      const created = await insertDelivery(tx, {
        petitionId: petition.id,
        kind: test ? 'test' : 'manual',
        trigger: null,
        message: d.message,
        createdBy: actor.id,
        targetIds: d.mode === 'chosen' ? d.targets : null,
        testRecipient: test ? { email: actor.email, language: ['en', 'ar', 'fa'].includes(locale) ? locale : 'en' } : undefined,
      });
      if (!created || created.recipients === 0) {
        // Roll back the empty delivery: a delivery to nobody is not a delivery.
        tx.rollback();
      }
      return { status: 'queued', deliveryId: created!.id, recipients: created!.recipients, test } as const;
    })
    .catch((e: unknown) => {
      if (e instanceof TransactionRollbackError) return { status: 'no_recipients' } as const;
      throw e;
    });
}
