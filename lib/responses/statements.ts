import 'server-only';
import { sql } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { petitionUpdates, signatures, updateDeliveries } from '@/db/schema';
import { jobNames } from '@/lib/jobs/jobs';
import { columnList } from '@/lib/petitions/fragments';
import { emailVisibleToOrganisers } from '@/lib/signatures/consent';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/**
 * Tells the petition's signers who asked for updates (the consent rule) about a response or an
 * outcome, through the updates machinery: one update outside the weekly cap, one delivery row and
 * queued email per signer, in one statement inside the caller's transaction (which also marks the
 * response or demand announced, so it goes once). Returns the update's id and how many were queued.
 */
export async function announceToSigners(tx: Tx, petitionId: string, subject: string, body: string): Promise<{ updateId: string; recipients: number }> {
  const u = petitionUpdates;
  const d = updateDeliveries;
  const s = signatures;
  const [row] = await tx.execute<{ updateId: string; recipients: number }>(sql`
    with upd as (
      insert into ${u} ${columnList(u.petitionId, u.subject, u.body, u.outsideCap)} values (${petitionId}, ${subject}, ${body}, true) returning ${u.id}
    ),
    delivery as (
      insert into ${d} ${columnList(d.updateId, d.signatureId)}
      select upd.id, ${s.id} from upd, ${s} where ${s.petitionId} = ${petitionId} and ${emailVisibleToOrganisers('signatures')}
      returning ${d.id}
    )
    select (select id from upd) as "updateId",
           (select count(graphile_worker.add_job(${jobNames.updateEmail}, json_build_object('deliveryId', delivery.id),
              queue_name := 'bulk-mail', max_attempts := 10)) from delivery)::int as recipients`);
  return row!;
}
