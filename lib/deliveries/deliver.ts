import 'server-only';
import { TransactionRollbackError } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { deliveryInput } from './schemas';
import { insertDelivery } from './statements';

export type DeliverResult =
  | { status: 'queued'; deliveryId: string; recipients: number; test: boolean }
  | { status: 'invalid'; errors: Record<string, string[]> }
  | { status: 'no_recipients' }
  | { status: 'not_found' };

/**
 * Delivers a published petition the organiser may act on, now: to every target with an email, to the
 * chosen ones, or (a test) to the organiser alone, in `locale`. One statement records it and queues one
 * email per recipient; nothing is recorded when no chosen target has an email address.
 */
export async function deliverPetition(actor: Organiser, slug: string, raw: unknown, locale: string): Promise<DeliverResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.status === 'draft') return { status: 'not_found' };
  const parsed = deliveryInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const d = parsed.data;
  const test = d.mode === 'test';
  return getDb()
    .transaction(async (tx) => {
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
