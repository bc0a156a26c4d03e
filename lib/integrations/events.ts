import { sql, type SQL } from 'drizzle-orm';
import { integrationEndpoints, integrationOutbox } from '@/db/schema';
import { columnList } from '@/lib/petitions/fragments';

export { ACTION_NETWORK_EVENTS, EVENT_TYPES, isEventType, type EventType } from './event-types';
import type { EventType } from './event-types';

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
