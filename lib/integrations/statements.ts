import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { integrationDeliveries, integrationEndpoints, integrationOutbox } from '@/db/schema';
import { columnList } from '@/lib/petitions/fragments';
import { DELIVERY_JOB, DELIVERY_MAX_ATTEMPTS } from './jobs';

// The integration statements whose shape is the point, each one statement over the schema's tables.

/**
 * Fans up to `batch` outbox events out to the endpoints that asked for them (one delivery row per
 * event and endpoint) and queues the deliveries, up to `perJob` of one endpoint to a job in event
 * order, in one statement: the claim, the deliveries and the jobs commit together. SKIP LOCKED lets
 * several workers relay at once, each event once. Returns how many events were moved.
 */
export async function moveIntegrationOutbox(batch: number, perJob: number): Promise<number> {
  const o = integrationOutbox;
  const e = integrationEndpoints;
  const d = integrationDeliveries;
  const rows = await getDb().execute<{ n: number }>(sql`
    with claimed as (
      delete from ${o}
      where ${o.id} in (select ${o.id} from ${o} order by ${o.id} limit ${batch} for update skip locked)
      returning ${o.id} as id, ${o.petitionId} as petition_id, ${o.signatureId} as signature_id, ${o.type} as type, ${o.data} as data, ${o.createdAt} as created_at
    ),
    made as (
      insert into ${d} ${columnList(d.endpointId, d.petitionId, d.signatureId, d.type, d.data, d.occurredAt)}
      select ${e.id}, c.petition_id, c.signature_id, c.type, c.data, c.created_at
      from claimed c join ${e} on ${e.petitionId} = c.petition_id and ${e.enabled} and c.type = any(${e.events})
      order by c.id
      returning ${d.id} as id, ${d.endpointId} as endpoint_id
    ),
    jobs as (
      select json_populate_record(null::graphile_worker.job_spec, json_build_object(
        'identifier', ${DELIVERY_JOB}::text,
        'payload', json_agg(json_build_object('deliveryId', id) order by id),
        'max_attempts', ${DELIVERY_MAX_ATTEMPTS}::int
      )) as spec, min(id) as first
      from (select id, endpoint_id, (row_number() over (partition by endpoint_id order by id) - 1) / ${perJob} as chunk from made) m
      group by endpoint_id, chunk
    ),
    queued as (select graphile_worker.add_jobs(array_agg(spec order by first)) from jobs having count(*) > 0)
    select (select count(*) from claimed)::int as n from (select count(*) from queued) q`);
  return rows[0]?.n ?? 0;
}

/** Queues one delivery again (a resend: the same id, so a receiver that has it drops it). */
export async function queueDeliveryJob(deliveryId: number): Promise<void> {
  await getDb().execute(
    sql`select graphile_worker.add_job(${DELIVERY_JOB}, json_build_array(json_build_object('deliveryId', ${deliveryId}::bigint)), max_attempts := ${DELIVERY_MAX_ATTEMPTS})`,
  );
}
