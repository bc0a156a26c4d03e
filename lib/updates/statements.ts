import 'server-only';
import { getTableName, sql } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { petitionUpdates, signatures, updateDeliveries } from '@/db/schema';
import { jobNames } from '@/lib/jobs/jobs';
import { columnList } from '@/lib/petitions/fragments';
import { emailVisibleToOrganisers } from '@/lib/signatures/consent';

// The update statements whose shape is the point: the petition's send lock, and an update recorded
// with one delivery and one queued email per opted-in signer in one statement. Ordinary reads use
// the query builder (./updates.ts).

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** Takes the petition's update lock until the transaction ends: concurrent sends take turns at the weekly cap. */
export async function lockPetitionUpdates(tx: Tx, petitionId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${petitionId}))`);
}

/**
 * Records the update and, in the same statement, a delivery row and a queued email (on the
 * "bulk-mail" queue) for each signer the consent rule lets organisers reach. Returns how many.
 */
export async function recordUpdateWithDeliveries(tx: Tx, update: { petitionId: string; subject: string; body: string; createdBy: string }): Promise<number> {
  const pu = petitionUpdates;
  const ud = updateDeliveries;
  const rows = await tx.execute<{ n: number }>(sql`
    with u (id) as (
      insert into ${pu} ${columnList(pu.petitionId, pu.subject, pu.body, pu.createdBy)}
      values (${update.petitionId}, ${update.subject}, ${update.body}, ${update.createdBy}) returning ${pu.id}
    ),
    d (id) as (
      insert into ${ud} ${columnList(ud.updateId, ud.signatureId)}
      select u.id, ${signatures.id} from u, ${signatures}
      where ${signatures.petitionId} = ${update.petitionId} and ${emailVisibleToOrganisers(getTableName(signatures))}
      returning ${ud.id}
    )
    select count(graphile_worker.add_job(${jobNames.updateEmail}, json_build_object('deliveryId', d.id),
      queue_name := 'bulk-mail', max_attempts := 10))::int as n from d`);
  return rows[0]?.n ?? 0;
}
