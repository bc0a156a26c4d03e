import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { accounts, deliveries, deliveryRecipients, petitionOrganisers, petitionTranslations, petitions } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { renderDelivery } from '@/lib/mail/delivery-templates';
import { deliverMail } from '@/lib/mail/transport';
import { demandsOf } from '@/lib/petitions/fragments';
import { markRecipientSent } from './statements';
import { responseTokenFor, responseTokenHash } from './tokens';

/**
 * Sends one recipient's delivery email, unless it was already sent (a retried or resumed job): in
 * the recipient's language (the petition's translation into it when there is one), Reply-To the
 * organiser who delivered (or the owner, for an automatic delivery), stamped once SMTP accepted it.
 */
export async function sendDeliveryEmail(recipientId: number): Promise<'sent' | 'skipped'> {
  const db = getDb();
  const r = deliveryRecipients;
  const owner = alias(petitionOrganisers, 'owner');
  const ownerAccount = alias(accounts, 'owner_account');
  const tr = petitionTranslations;
  const [row] = await db
    .select({
      email: r.email,
      name: r.name,
      language: r.language,
      deliveryId: deliveries.id,
      kind: deliveries.kind,
      message: deliveries.message,
      signatureCount: deliveries.signatureCount,
      countryCount: deliveries.countryCount,
      slug: petitions.slug,
      title: sql<string>`coalesce(${tr.title}, ${petitions.title})`,
      demands: sql<string[]>`coalesce(to_json(${tr.demands}), ${demandsOf(petitions.id)})`,
      replyTo: sql<string | null>`coalesce(${accounts.email}, ${ownerAccount.email})`,
    })
    .from(r)
    .innerJoin(deliveries, eq(deliveries.id, r.deliveryId))
    .innerJoin(petitions, eq(petitions.id, deliveries.petitionId))
    .leftJoin(tr, and(eq(tr.petitionId, petitions.id), eq(tr.language, r.language)))
    .leftJoin(accounts, eq(accounts.id, deliveries.createdBy))
    .leftJoin(owner, and(eq(owner.petitionId, petitions.id), eq(owner.role, 'owner')))
    .leftJoin(ownerAccount, eq(ownerAccount.id, owner.accountId))
    .where(and(eq(r.id, recipientId), isNull(r.sentAt)))
    .limit(1);
  if (!row) return 'skipped';
  const test = row.kind === 'test';
  const appUrl = getEnv().appUrl;
  let respondUrl: string | null = null;
  if (!test) {
    const token = responseTokenFor(recipientId);
    // The same token on every attempt: storing its hash again is harmless.
    await db
      .update(r)
      .set({ responseTokenHash: responseTokenHash(token) })
      .where(eq(r.id, recipientId));
    respondUrl = appUrl + localizedPath(row.language, `/respond/${token}`);
  }
  const mail = await renderDelivery({
    locale: row.language,
    petitionTitle: row.title,
    targetName: row.name,
    demands: row.demands,
    signatureCount: row.signatureCount,
    countryCount: row.countryCount,
    message: row.message,
    documentUrl: appUrl + localizedPath(row.language, `/p/${row.slug}/deliveries/${row.deliveryId}`),
    respondUrl,
    test,
  });
  await deliverMail({
    to: row.email,
    ...mail,
    ...(row.replyTo ? { replyTo: row.replyTo } : {}),
    // A retry after the relay took the message but before the stamp carries the same Message-ID.
    messageId: `<delivery-${row.deliveryId}-${recipientId}@${new URL(appUrl).hostname}>`,
  });
  await markRecipientSent(db, recipientId);
  return 'sent';
}
