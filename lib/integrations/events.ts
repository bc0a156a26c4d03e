import { sql, type SQL } from 'drizzle-orm';
import { integrationEndpoints, integrationOutbox } from '@/db/schema';
import { columnList } from '@/lib/petitions/fragments';

/** The events an endpoint can ask for (docs/api.md describes their payloads). */
export const EVENT_TYPES = [
  'signature.confirmed',
  'signature.withdrawn',
  'petition.milestone',
  'petition.delivered',
  'petition.response',
  'petition.closed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What an Action Network connection sends: each consenting signer, and their withdrawal. */
export const ACTION_NETWORK_EVENTS: EventType[] = ['signature.confirmed', 'signature.withdrawn'];

export const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);

/**
 * SQL: an insert into the integration outbox of one `type` event per row of `rows` (a select of
 * `petition_id, signature_id, data`), only for petitions with an enabled endpoint asking for that
 * type (one probe of a partial index; a petition without endpoints writes nothing). For a CTE of the
 * statement that makes the event happen, so the event commits with it.
 */
export function queueEventsFrom(rows: SQL, type: EventType): SQL {
  const o = integrationOutbox;
  const e = integrationEndpoints;
  return sql`insert into ${o} ${columnList(o.petitionId, o.signatureId, o.type, o.data)}
    select r.petition_id, r.signature_id, ${sql.raw(`'${type}'`)}, r.data from (${rows}) as r (petition_id, signature_id, data)
    where exists (select 1 from ${e} where ${e.petitionId} = r.petition_id and ${e.enabled} and ${sql.raw(`'${type}'`)} = any(${e.events}))`;
}

type Db = Pick<ReturnType<typeof import('@/db/client').getDb>, 'execute'>;

/**
 * Queues a petition-level event for each petition in `petitionIds` (those with an endpoint for it),
 * inside the caller's transaction so it commits with what happened. `data` is never personal.
 */
export async function queuePetitionEvents(db: Db, petitionIds: string[], type: EventType, data: Record<string, unknown> = {}): Promise<void> {
  if (petitionIds.length === 0) return;
  await db.execute(queueEventsFrom(sql`select unnest(${`{${petitionIds.join(',')}}`}::uuid[]), null::bigint, ${JSON.stringify(data)}::jsonb`, type));
}
