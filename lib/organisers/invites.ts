import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { normaliseAccountEmail, loginInput } from '@/lib/auth/login';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { jobNames } from '@/lib/jobs/jobs';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';
import { findPetitionForOrganiser } from './access';

const INVITE_DAYS = 14;
/** Invitations one account may send a day, over all its petitions: a team is built in a few. */
export const INVITES_PER_ACCOUNT_PER_DAY = 20;
/** Invitations one address may receive a day, from anyone: nobody can be mail-bombed through the platform. */
export const INVITES_PER_ADDRESS_PER_DAY = 3;

export type OrganiserListing = {
  members: { accountId: string; email: string; role: 'owner' | 'organiser' }[];
  pending: { id: string; email: string; createdAt: Date }[];
};

/**
 * Invites an address to co-organise; any organiser of the petition may invite. The email is queued.
 * At most INVITES_PER_ACCOUNT_PER_DAY from one account and INVITES_PER_ADDRESS_PER_DAY to one address
 * (every invitation created counts, withdrawn ones too), held under concurrency; beyond them: 'capped'.
 */
export async function inviteOrganiser(actor: Organiser, slug: string, email: string, locale: string): Promise<'invited' | 'invalid' | 'capped' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return 'not_found';
  const parsed = loginInput.safeParse({ email });
  if (!parsed.success) return 'invalid';
  const address = normaliseAccountEmail(parsed.data.email);
  return getDb().transaction(async (tx) => {
    // The inviter's lock, then the address's: always in this order, so two invitations never wait on
    // each other in a cycle. Concurrent invitations then count each other and cannot pass a cap together.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invites-from:${actor.id}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invites-to:${address}`}))`);
    const [recent] = await tx.execute<{ sent: number; received: number }>(sql`
      select (select count(*) from organiser_invites where invited_by = ${actor.id} and created_at > now() - interval '1 day')::int as sent,
             (select count(*) from organiser_invites where email = ${address} and created_at > now() - interval '1 day')::int as received`);
    if (recent!.sent >= INVITES_PER_ACCOUNT_PER_DAY || recent!.received >= INVITES_PER_ADDRESS_PER_DAY) return 'capped' as const;
    // The token is made by the worker when it sends, like every emailed link.
    await tx.execute(sql`
      with invite as (
        insert into organiser_invites (petition_id, email, invited_by, expires_at)
        select ${petition.id}, ${address}, ${actor.id}, now() + ${`${INVITE_DAYS} days`}::interval
        where not exists (select 1 from petition_organisers o join accounts a on a.id = o.account_id
                          where o.petition_id = ${petition.id} and a.email = ${address})
        returning id
      )
      select graphile_worker.add_job(${jobNames.organiserInvite}, json_build_object('inviteId', id, 'locale', ${locale}::text), max_attempts := 8)
      from invite`);
    return 'invited' as const;
  });
}

/**
 * Sets a fresh token on an invite for its email; returns it with what the email needs. The title is
 * given only for a published petition (public, and reportable): a draft's title is the inviter's
 * unchecked words, which the platform does not mail to a stranger.
 */
export async function issueInviteToken(inviteId: string) {
  const token = createToken();
  const rows = await getDb().execute<{ email: string; title: string | null; inviter: string | null }>(sql`
    update organiser_invites i set token_hash = ${hashToken(token, getEnv().secret)}
    from petitions p
    where i.id = ${inviteId} and p.id = i.petition_id and i.accepted_at is null and i.revoked_at is null
    returning i.email, case when p.status <> 'draft' and p.hidden_at is null then p.title end as title,
              (select email from accounts where id = i.invited_by) as inviter`);
  return rows[0] ? { token, ...rows[0] } : null;
}

/** Accepts an invite as the signed-in account, which must be the invited address. Single use. */
export async function acceptInvite(actor: Organiser, token: string): Promise<{ status: 'accepted'; slug: string } | { status: 'wrong_account'; email: string } | { status: 'invalid' }> {
  if (!looksLikeToken(token)) return { status: 'invalid' };
  const hash = hashToken(token, getEnv().secret);
  return getDb().transaction(async (tx) => {
    const rows = await tx.execute<{ id: string; email: string; petition_id: string; slug: string }>(sql`
      select i.id, i.email, i.petition_id, p.slug from organiser_invites i join petitions p on p.id = i.petition_id
      where i.token_hash = ${hash} and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
      for update of i`);
    const invite = rows[0];
    if (!invite) return { status: 'invalid' } as const;
    if (invite.email !== actor.email) return { status: 'wrong_account', email: invite.email } as const;
    await tx.execute(sql`update organiser_invites set accepted_at = now() where id = ${invite.id}`);
    await tx.execute(sql`
      insert into petition_organisers (petition_id, account_id, role) values (${invite.petition_id}, ${actor.id}, 'organiser')
      on conflict do nothing`);
    return { status: 'accepted', slug: invite.slug } as const;
  });
}

/** The team of a petition, for its organisers only. */
export async function listOrganisers(actor: Organiser, slug: string): Promise<OrganiserListing | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const [members, pending] = await Promise.all([
    getDb().execute<{ accountId: string; email: string; role: 'owner' | 'organiser' }>(sql`
      select a.id as "accountId", a.email, o.role from petition_organisers o join accounts a on a.id = o.account_id
      where o.petition_id = ${petition.id} order by o.role desc, o.created_at`),
    getDb().execute<{ id: string; email: string; createdAt: string }>(sql`
      select id, email, created_at as "createdAt" from organiser_invites
      where petition_id = ${petition.id} and accepted_at is null and revoked_at is null and expires_at > now()
      order by created_at`),
  ]);
  return { members: [...members], pending: pending.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })) };
}

/** Removes a co-organiser (or withdraws a pending invite); only the owner may, and never the owner. */
export async function removeOrganiser(actor: Organiser, slug: string, who: { accountId?: string; inviteId?: string }): Promise<'removed' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.role !== 'owner') return 'not_found';
  const uuid = /^[0-9a-f-]{36}$/;
  if (who.accountId && uuid.test(who.accountId)) {
    const rows = await getDb().execute(sql`
      delete from petition_organisers where petition_id = ${petition.id} and account_id = ${who.accountId} and role <> 'owner' returning 1`);
    return rows.length ? 'removed' : 'not_found';
  }
  if (who.inviteId && uuid.test(who.inviteId)) {
    const rows = await getDb().execute(sql`
      update organiser_invites set revoked_at = now() where petition_id = ${petition.id} and id = ${who.inviteId} and accepted_at is null returning 1`);
    return rows.length ? 'removed' : 'not_found';
  }
  return 'not_found';
}
