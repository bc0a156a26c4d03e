'use server';

import { revalidatePath } from 'next/cache';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/keys';
import { getCurrentOrganiser } from '@/lib/auth/session';
import type { SecretFormState } from '@/lib/integrations/action-state';
import type { DashboardActionState } from '@/lib/organisers/action-state';

/** Creates an API key; it is shown once. */
export async function createApiKeyAction(_prev: SecretFormState, form: FormData): Promise<SecretFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const name = form.get('name');
  const result = await createApiKey(actor, { name: typeof name === 'string' ? name : '' });
  if (result.status !== 'created') return result;
  revalidatePath('/[locale]/dashboard/api-keys', 'page');
  return { status: 'done', secret: result.key };
}

/** Revokes one of the organiser's keys. */
export async function revokeApiKeyAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const id = form.get('id');
  if ((await revokeApiKey(actor, typeof id === 'string' ? id : '')) === 'not_found') return { status: 'not_found' };
  revalidatePath('/[locale]/dashboard/api-keys', 'page');
  return { status: 'done' };
}
