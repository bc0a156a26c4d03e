import 'server-only';
import { sql } from 'drizzle-orm';
import type { getDb } from '@/db/client';
import { accounts, organiserInvites, petitionOrganisers } from '@/db/schema';
import { jobNames } from '@/lib/jobs/jobs';
import { columnList } from '@/lib/petitions/fragments';

// The organiser statements whose shape is the point: the invitation caps' locks, and an invitation
// created with its email queued in one statement. Ordinary reads and writes use the query builder.

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/**
 * Takes, until the transaction ends, the inviter's lock and then the address's: always in this
 * order, so two invitations never wait on each other in a cycle. Concurrent invitations then count
 * each other and cannot pass a cap together.
 */
export async function lockInvitationCaps(tx: Tx, inviterId: string, address: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invites-from:${inviterId}`}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invites-to:${address}`}))`);
}

/**
 * Creates an invitation to co-organise the petition for `address` (unless it already belongs to an
 * organiser of it) and queues its email, in one statement; valid for `days`. The token is made by
 * the worker when it sends, like every emailed link.
 */
export async function createInvitation(
  tx: Tx,
  invite: { petitionId: string; address: string; inviterId: string; locale: string; days: number },
): Promise<void> {
  const i = organiserInvites;
  const o = petitionOrganisers;
  await tx.execute(sql`
    with invite (id) as (
      insert into ${i} ${columnList(i.petitionId, i.email, i.invitedBy, i.expiresAt)}
      select ${invite.petitionId}, ${invite.address}, ${invite.inviterId}, now() + ${`${invite.days} days`}::interval
      where not exists (select 1 from ${o} join ${accounts} on ${accounts.id} = ${o.accountId}
                        where ${o.petitionId} = ${invite.petitionId} and ${accounts.email} = ${invite.address})
      returning ${i.id}
    )
    select graphile_worker.add_job(${jobNames.organiserInvite}, json_build_object('inviteId', id, 'locale', ${invite.locale}::text), max_attempts := 8)
    from invite`);
}
