'use server';

import { getLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { getCurrentOrganiser } from '@/lib/auth/session';
import { localizedPath } from '@/lib/i18n/paths';
import { acceptInvite } from '@/lib/organisers/invites';
import type { InviteState } from '@/lib/organisers/action-states';

/** Accepts a co-organiser invitation as the signed-in account (which must be the invited address). */
export async function acceptInviteAction(token: string, _prev: InviteState, _form: FormData): Promise<InviteState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await acceptInvite(actor, token);
  if (result.status === 'accepted') redirect(localizedPath(await getLocale(), `/dashboard/petitions/${result.slug}`));
  return result;
}
