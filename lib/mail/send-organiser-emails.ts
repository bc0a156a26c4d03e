import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, petitionOrganisers, petitions } from '@/db/schema';
import { issueLoginToken, LOGIN_LINK_MINUTES } from '@/lib/auth/login';
import { getEnv } from '@/lib/env';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { issueInviteToken } from '@/lib/organisers/invites';
import { getSignatureCount } from '@/lib/petitions/counts';
import { nextGoal } from '@/lib/petitions/lifecycle';
import { renderLoginLink, renderMilestone, renderOrganiserInvite } from './organiser-templates';
import { deliverMail } from './transport';

/** Sends a sign-in link; the token is created here so it never sits in the queue in clear. */
export async function sendLoginLink(p: { email: string; locale: string; next: string }): Promise<void> {
  const token = await issueLoginToken(p.email);
  const query = p.next && p.next !== '/dashboard' ? `?next=${encodeURIComponent(p.next)}` : '';
  const url = getEnv().appUrl + localizedPath(p.locale, `/login/${token}`) + query;
  await deliverMail({ to: p.email, ...(await renderLoginLink({ locale: p.locale, url, minutes: LOGIN_LINK_MINUTES })) });
}

/** Sends an invitation to co-organise, with a fresh single-use link. */
export async function sendOrganiserInvite(p: { inviteId: string; locale: string }): Promise<void> {
  const invite = await issueInviteToken(p.inviteId);
  if (!invite) return;
  const url = getEnv().appUrl + localizedPath(p.locale, `/invites/${invite.token}`);
  await deliverMail({ to: invite.email, ...(await renderOrganiserInvite({ locale: p.locale, url, petitionTitle: invite.title, inviter: invite.inviter })) });
}

/** Emails every organiser of a petition that it reached a milestone (each milestone once; see recordMilestones). */
export async function notifyOrganisersOfMilestone(p: { petitionId: string; milestone: number }): Promise<void> {
  const o = petitionOrganisers;
  const rows = await getDb()
    .select({ email: accounts.email, title: petitions.title, slug: petitions.slug, goal: petitions.goal, language: petitions.language })
    .from(o)
    .innerJoin(accounts, eq(accounts.id, o.accountId))
    .innerJoin(petitions, eq(petitions.id, o.petitionId))
    .where(eq(o.petitionId, p.petitionId));
  if (rows.length === 0) return;
  const count = await getSignatureCount(p.petitionId);
  const first = rows[0]!;
  const locale = isLocale(first.language) ? first.language : defaultLocale;
  const mail = await renderMilestone({
    locale,
    petitionTitle: first.title,
    count: p.milestone,
    goalReached: p.milestone === first.goal,
    nextGoal: nextGoal(Math.max(count, p.milestone)),
    dashboardUrl: getEnv().appUrl + localizedPath(locale, `/dashboard/petitions/${first.slug}`),
  });
  for (const r of rows) await deliverMail({ to: r.email, ...mail });
}
