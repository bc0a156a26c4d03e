import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { integrationDeliveries, integrationEndpoints } from '@/db/schema';
import { ENDPOINT_OFF_EMAIL_JOB, SWITCH_OFF_AFTER_HOURS } from './jobs';

/**
 * Records one attempt at a delivery, in one statement: its status code or error, delivered on a 2xx
 * (or failed for good on the queue's last attempt). A success clears the endpoint's failing time; a
 * failure sets it if unset, and an endpoint failing for SWITCH_OFF_AFTER_HOURS without one success is
 * switched off, its pending deliveries given up and its organisers' email queued (once: the job key).
 */
export async function recordAttempt(
  row: { id: number; endpointId: string },
  a: { ok: boolean; status: number | null; error: string | null; remoteRef: string | null; finalAttempt: boolean },
): Promise<void> {
  const d = integrationDeliveries;
  const e = integrationEndpoints;
  const status = a.ok ? 'delivered' : a.finalAttempt ? 'failed' : 'pending';
  await getDb().execute(sql`
    with attempt as (
      update ${d} set attempts = ${d.attempts} + 1, last_status_code = ${a.status}, last_error = ${a.error}, last_attempt_at = now(),
        status = case when not ${a.ok} and exists (select 1 from ${e} where ${e.id} = ${row.endpointId} and ${e.failingSince} <= now() - make_interval(hours => ${SWITCH_OFF_AFTER_HOURS}))
                      then 'failed' else ${status}::integration_delivery_status end,
        delivered_at = case when ${a.ok} then now() end,
        remote_ref = coalesce(${a.remoteRef}, ${d.remoteRef})
      where ${d.id} = ${row.id}
    ),
    endpoint as (
      update ${e} set failing_since = case when ${a.ok} then null else coalesce(${e.failingSince}, now()) end,
        enabled = ${e.enabled} and (${a.ok} or coalesce(${e.failingSince}, now()) > now() - make_interval(hours => ${SWITCH_OFF_AFTER_HOURS})),
        disabled_at = case when not ${a.ok} and ${e.enabled} and ${e.failingSince} <= now() - make_interval(hours => ${SWITCH_OFF_AFTER_HOURS}) then now() else ${e.disabledAt} end
      -- A success writes the endpoint's row only when it was failing: never one hot-row update per delivery.
      where ${e.id} = ${row.endpointId} and (not ${a.ok} or ${e.failingSince} is not null)
      returning ${e.id} as id, ${e.enabled} as enabled, ${e.disabledAt} = now() as switched_off
    ),
    given_up as (
      update ${d} set status = 'failed' from endpoint
      where endpoint.switched_off and ${d.endpointId} = endpoint.id and ${d.status} = 'pending' and ${d.id} <> ${row.id}
    )
    select graphile_worker.add_job(${ENDPOINT_OFF_EMAIL_JOB}, json_build_object('endpointId', endpoint.id),
      job_key := 'endpoint-off:' || endpoint.id || ':' || extract(epoch from now())::bigint, max_attempts := 8)
    from endpoint where endpoint.switched_off`);
}
