import 'server-only';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryRecipients } from '@/db/schema';

/** Every delivery of the petition with each recipient and whether it was sent: for its organisers (the caller checked). */
export async function listDeliveriesForOrganiser(petitionId: string) {
  const rows = await getDb()
    .select({
      id: deliveries.id,
      kind: deliveries.kind,
      createdAt: deliveries.createdAt,
      signatureCount: deliveries.signatureCount,
      countryCount: deliveries.countryCount,
      fingerprint: deliveries.fingerprint,
      recipientName: deliveryRecipients.name,
      recipientEmail: deliveryRecipients.email,
      sentAt: deliveryRecipients.sentAt,
    })
    .from(deliveries)
    .innerJoin(deliveryRecipients, eq(deliveryRecipients.deliveryId, deliveries.id))
    .where(eq(deliveries.petitionId, petitionId))
    .orderBy(desc(deliveries.createdAt), asc(deliveryRecipients.id));
  const byId = new Map<
    string,
    Omit<(typeof rows)[number], 'recipientName' | 'recipientEmail' | 'sentAt'> & { recipients: { name: string; email: string; sentAt: Date | null }[] }
  >();
  for (const { recipientName, recipientEmail, sentAt, ...d } of rows) {
    const entry = byId.get(d.id) ?? { ...d, recipients: [] };
    entry.recipients.push({ name: recipientName, email: recipientEmail, sentAt });
    byId.set(d.id, entry);
  }
  return [...byId.values()];
}

export type PublicDelivery = { id: string; createdAt: Date; signatureCount: number; fingerprint: string | null; to: string[] };

/** The petition's real deliveries (not tests), newest first, with whom they went to by name: never an email address. */
export async function listPublicDeliveries(petitionId: string): Promise<PublicDelivery[]> {
  const rows = await getDb()
    .select({
      id: deliveries.id,
      createdAt: deliveries.createdAt,
      signatureCount: deliveries.signatureCount,
      fingerprint: deliveries.fingerprint,
      to: sql<string[]>`array_agg(${deliveryRecipients.name} order by ${deliveryRecipients.id})`,
    })
    .from(deliveries)
    .innerJoin(deliveryRecipients, eq(deliveryRecipients.deliveryId, deliveries.id))
    .where(and(eq(deliveries.petitionId, petitionId), ne(deliveries.kind, 'test')))
    .groupBy(deliveries.id)
    .orderBy(desc(deliveries.createdAt))
    .limit(50);
  return rows;
}
