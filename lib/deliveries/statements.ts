import 'server-only';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { deliveries, deliveryRecipients, deliverySignatures, petitionTargets, signatures } from '@/db/schema';
import { queuePetitionEvents } from '@/lib/integrations/events';
import { columnList } from '@/lib/petitions/fragments';
import { deliveryEmailJob } from './jobs';

// The delivery statements whose shape is the point: a delivery recorded with its list, its fingerprint
// and one queued email per recipient in one statement (one snapshot: the count, the list and the
// fingerprint cannot disagree), at most once per automatic trigger.

type Db = ReturnType<typeof getDb> | Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/**
 * SQL (text): a signature's line in the fingerprint's canonical serialisation (lib/deliveries/fingerprint.ts):
 * `id,YYYY-MM-DDTHH:MI:SS.ffffffZ,CC\n`, the time in UTC whatever the session's zone.
 */
export function fingerprintLineOf(s: {
  signatureId: SQL | typeof deliverySignatures.signatureId;
  confirmedAt: SQL | typeof deliverySignatures.confirmedAt;
  country: SQL | typeof deliverySignatures.country;
}): SQL<string> {
  return sql<string>`(${s.signatureId}::text || ',' || to_char(${s.confirmedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || ',' || ${s.country} || chr(10))`;
}

export type DeliveryKind = (typeof deliveries.$inferSelect)['kind'];

export type CreatedDelivery = { id: string; recipients: number; signatureCount: number; fingerprint: string };

/**
 * Records a delivery of the petition: the confirmed signatures as they stand (count, countries, the
 * list with confirmation times and countries, its SHA-256 fingerprint) and one recipient row and queued
 * email per recipient: the targets with an email (all, or those in `targetIds`), or, for a test, the
 * organiser alone. An automatic delivery (milestone, goal, closing) is made at most once per petition
 * and trigger, however many workers try at once (the partial unique index): null when it already was.
 */
export async function insertDelivery(
  db: Db,
  d: {
    petitionId: string;
    kind: DeliveryKind;
    trigger: number | null;
    message: string;
    createdBy: string | null;
    targetIds: string[] | null;
    testRecipient?: { email: string; language: string };
  },
): Promise<CreatedDelivery | null> {
  const s = signatures;
  const dl = deliveries;
  const r = deliveryRecipients;
  const t = petitionTargets;
  const ds = deliverySignatures;
  const confirmed = sql`${s.petitionId} = ${d.petitionId} and ${s.status} = 'confirmed'`;
  const recipients = d.testRecipient
    ? sql`select delivery.id, null::uuid, ${d.testRecipient.email}, ${d.testRecipient.email}, ${d.testRecipient.language} from delivery`
    : sql`select delivery.id, ${t.id}, ${t.name}, ${t.email}, ${t.language} from delivery, ${t}
          where ${t.petitionId} = ${d.petitionId} and ${t.email} is not null
          ${d.targetIds ? sql`and ${t.id} = any(${`{${d.targetIds.join(',')}}`}::uuid[])` : sql``}`;
  const rows = await db.execute<CreatedDelivery>(sql`
    with snapshot as (
      select count(*)::int as n, count(distinct ${s.country})::int as countries, coalesce(max(${s.id}), 0) as last_id,
             encode(sha256(convert_to(coalesce(string_agg(${fingerprintLineOf({ signatureId: sql`${s.id}`, confirmedAt: sql`${s.confirmedAt}`, country: sql`${s.country}` })}, '' order by ${s.id}), ''), 'UTF8')), 'hex') as fingerprint
      from ${s} where ${confirmed}
    ),
    delivery as (
      insert into ${dl} ${columnList(dl.petitionId, dl.kind, dl.trigger, dl.message, dl.signatureCount, dl.countryCount, dl.lastSignatureId, dl.fingerprint, dl.createdBy)}
      select ${d.petitionId}, ${d.kind}, ${d.trigger}, ${d.message}, snapshot.n, snapshot.countries, snapshot.last_id, snapshot.fingerprint, ${d.createdBy}
      from snapshot
      on conflict (petition_id, kind, trigger) where kind in ('milestone', 'goal', 'closing') do nothing
      returning ${dl.id}, ${dl.signatureCount}, ${dl.fingerprint}
    ),
    list as (
      insert into ${ds} ${columnList(ds.deliveryId, ds.signatureId, ds.confirmedAt, ds.country)}
      select delivery.id, ${s.id}, ${s.confirmedAt}, ${s.country} from delivery, ${s} where ${confirmed}
    ),
    recipient as (
      insert into ${r} ${columnList(r.deliveryId, r.targetId, r.name, r.email, r.language)}
      ${recipients}
      returning ${r.id}
    ),
    queued as (
      select graphile_worker.add_job(${deliveryEmailJob}, json_build_object('recipientId', recipient.id), max_attempts := 16,
                                     job_key := 'delivery-recipient:' || recipient.id) from recipient
    )
    select delivery.id, delivery.signature_count as "signatureCount", delivery.fingerprint, (select count(*) from queued)::int as recipients
    from delivery`);
  const created = rows[0] ?? null;
  // Webhooks hear of real deliveries (not an organiser's test to themselves), with the transaction.
  if (created && d.kind !== 'test')
    await queuePetitionEvents(db, [d.petitionId], 'petition.delivered', {
      delivery_id: created.id,
      kind: d.kind,
      signature_count: created.signatureCount,
      fingerprint: created.fingerprint,
    });
  return created;
}

/**
 * Stamps a recipient's email as sent, once: true for the call that stamped it. The guard on
 * `sent_at` makes a retried or resumed job's stamp a no-op.
 */
export async function markRecipientSent(db: Db, recipientId: number): Promise<boolean> {
  const r = deliveryRecipients;
  const rows = await db
    .update(r)
    .set({ sentAt: sql`now()` })
    .where(and(eq(r.id, recipientId), isNull(r.sentAt)))
    .returning({ id: r.id });
  return rows.length > 0;
}
