import 'server-only';
import { and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, organiserInvites, petitionOrganisers, petitions } from '@/db/schema';
import { normaliseAccountEmail, loginInput } from '@/lib/auth/login';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { createToken, hashToken, looksLikeToken } from '@/lib/security/tokens';
import { findPetitionForOrganiser } from './access';
import { createInvitation, lockInvitationCaps } from './statements';

const INVITE_DAYS = 14;
/** Invitations one account may send a day, over all its petitions: a team is built in a few. */
export const INVITES_PER_ACCOUNT_PER_DAY = 20;
/** Invitations one address may receive a day, from anyone: nobody can be mail-bombed through the platform. */
export const INVITES_PER_ADDRESS_PER_DAY = 3;

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
    await lockInvitationCaps(tx, actor.id, address);
    const i = organiserInvites;
    const lastDay = sql`now() - interval '1 day'`;
    const fromInviter = eq(i.invitedBy, actor.id);
    const toAddress = eq(i.email, address);
    // Both caps in one read: each branch of the condition is a range of its own index.
    const [recent] = await tx
      .select({
        sent: sql<number>`count(*) filter (where ${fromInviter})::int`,
        received: sql<number>`count(*) filter (where ${toAddress})::int`,
      })
      .from(i)
      .where(or(and(fromInviter, gt(i.createdAt, lastDay)), and(toAddress, gt(i.createdAt, lastDay))));
    if (recent!.sent >= INVITES_PER_ACCOUNT_PER_DAY || recent!.received >= INVITES_PER_ADDRESS_PER_DAY) return 'capped' as const;
    await createInvitation(tx, { petitionId: petition.id, address, inviterId: actor.id, locale, days: INVITE_DAYS });
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
  const i = organiserInvites;
  const [invite] = await getDb()
    .update(i)
    .set({ tokenHash: hashToken(token, getEnv().secret) })
    .from(petitions)
    .where(and(eq(i.id, inviteId), eq(petitions.id, i.petitionId), isNull(i.acceptedAt), isNull(i.revokedAt)))
    .returning({
      email: i.email,
      title: sql<string | null>`case when ${petitions.status} <> 'draft' and ${petitions.hiddenAt} is null then ${petitions.title} end`,
      inviter: sql<string | null>`(select ${accounts.email} from ${accounts} where ${accounts.id} = ${i.invitedBy})`,
    });
  return invite ? { token, ...invite } : null;
}

/** Accepts an invite as the signed-in account, which must be the invited address. Single use. */
export async function acceptInvite(
  actor: Organiser,
  token: string,
): Promise<{ status: 'accepted'; slug: string } | { status: 'wrong_account'; email: string } | { status: 'invalid' }> {
  if (!looksLikeToken(token)) return { status: 'invalid' };
  const hash = hashToken(token, getEnv().secret);
  return getDb().transaction(async (tx) => {
    const i = organiserInvites;
    const [invite] = await tx
      .select({ id: i.id, email: i.email, petitionId: i.petitionId, slug: petitions.slug })
      .from(i)
      .innerJoin(petitions, eq(petitions.id, i.petitionId))
      .where(and(eq(i.tokenHash, hash), isNull(i.acceptedAt), isNull(i.revokedAt), gt(i.expiresAt, sql`now()`)))
      .for('update', { of: i });
    if (!invite) return { status: 'invalid' } as const;
    if (invite.email !== actor.email) return { status: 'wrong_account', email: invite.email } as const;
    await tx
      .update(i)
      .set({ acceptedAt: sql`now()` })
      .where(eq(i.id, invite.id));
    await tx.insert(petitionOrganisers).values({ petitionId: invite.petitionId, accountId: actor.id, role: 'organiser' }).onConflictDoNothing();
    return { status: 'accepted', slug: invite.slug } as const;
  });
}

/** The team of a petition, for its organisers only. */
export async function listOrganisers(actor: Organiser, slug: string) {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const db = getDb();
  const o = petitionOrganisers;
  const i = organiserInvites;
  const [members, pending] = await Promise.all([
    db
      .select({ accountId: accounts.id, email: accounts.email, role: o.role })
      .from(o)
      .innerJoin(accounts, eq(accounts.id, o.accountId))
      .where(eq(o.petitionId, petition.id))
      .orderBy(desc(o.role), asc(o.createdAt)),
    db
      .select({ id: i.id, email: i.email, createdAt: i.createdAt })
      .from(i)
      .where(and(eq(i.petitionId, petition.id), isNull(i.acceptedAt), isNull(i.revokedAt), gt(i.expiresAt, sql`now()`)))
      .orderBy(i.createdAt),
  ]);
  return { members, pending };
}

export type OrganiserListing = NonNullable<Awaited<ReturnType<typeof listOrganisers>>>;

/** Removes a co-organiser (or withdraws a pending invite); only the owner may, and never the owner. */
export async function removeOrganiser(actor: Organiser, slug: string, who: { accountId?: string; inviteId?: string }): Promise<'removed' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.role !== 'owner') return 'not_found';
  const uuid = /^[0-9a-f-]{36}$/;
  if (who.accountId && uuid.test(who.accountId)) {
    const o = petitionOrganisers;
    const rows = await getDb()
      .delete(o)
      .where(and(eq(o.petitionId, petition.id), eq(o.accountId, who.accountId), ne(o.role, 'owner')))
      .returning({ accountId: o.accountId });
    return rows.length ? 'removed' : 'not_found';
  }
  if (who.inviteId && uuid.test(who.inviteId)) {
    const i = organiserInvites;
    const rows = await getDb()
      .update(i)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(i.petitionId, petition.id), eq(i.id, who.inviteId), isNull(i.acceptedAt)))
      .returning({ id: i.id });
    return rows.length ? 'removed' : 'not_found';
  }
  return 'not_found';
}
