import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { deliveries, deliveryRecipients, petitionTranslations, petitions, targetResponses } from '@/db/schema';
import { responseTokenHash } from '@/lib/deliveries/tokens';
import { looksLikeToken } from '@/lib/security/tokens';
import { targetResponseInput } from './schemas';

/**
 * What the response link's page shows (the petition's title and the target's name), or null for an
 * unknown, used or test link. Reading it changes nothing: a mail scanner opening it uses nothing up.
 */
export async function findResponseLink(token: string) {
  if (!looksLikeToken(token)) return null;
  const r = deliveryRecipients;
  const tr = petitionTranslations;
  const [row] = await getDb()
    .select({
      name: r.name,
      language: r.language,
      title: sql<string>`coalesce(${tr.title}, ${petitions.title})`,
      slug: petitions.slug,
    })
    .from(r)
    .innerJoin(deliveries, eq(deliveries.id, r.deliveryId))
    .innerJoin(petitions, eq(petitions.id, deliveries.petitionId))
    .leftJoin(tr, and(eq(tr.petitionId, petitions.id), eq(tr.language, r.language)))
    .where(and(eq(r.responseTokenHash, responseTokenHash(token)), isNull(r.respondedAt), ne(deliveries.kind, 'test')));
  return row ?? null;
}

export type RespondResult = { status: 'sent' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'used' };

/**
 * A target's response through its link: single-use (the link is claimed by a conditional update of
 * `responded_at`, so two submissions at once store one), kept for the organisers' approval before it shows.
 */
export async function respondByLink(token: string, raw: unknown): Promise<RespondResult> {
  if (!looksLikeToken(token)) return { status: 'used' };
  const parsed = targetResponseInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  const r = deliveryRecipients;
  return getDb().transaction(async (tx) => {
    const [claimed] = await tx
      .update(r)
      .set({ respondedAt: sql`now()` })
      .where(and(eq(r.responseTokenHash, responseTokenHash(token)), isNull(r.respondedAt)))
      .returning({ id: r.id, targetId: r.targetId, name: r.name, deliveryId: r.deliveryId });
    if (!claimed) return { status: 'used' } as const;
    const [delivery] = await tx
      .select({ petitionId: deliveries.petitionId, kind: deliveries.kind })
      .from(deliveries)
      .where(eq(deliveries.id, claimed.deliveryId));
    if (!delivery || delivery.kind === 'test') return { status: 'used' } as const;
    await tx.insert(targetResponses).values({
      petitionId: delivery.petitionId,
      targetId: claimed.targetId,
      targetName: claimed.name,
      recipientId: claimed.id,
      source: 'target',
      body: parsed.data.body,
      respondedOn: sql`(now() at time zone 'UTC')::date`,
      sourceUrl: parsed.data.sourceUrl ?? null,
    });
    return { status: 'sent' } as const;
  });
}
