'use server';

import { revalidatePath } from 'next/cache';
import { getCurrentOrganiser } from '@/lib/auth/session';
import type { SecretFormState } from '@/lib/integrations/action-state';
import type { DashboardActionState } from '@/lib/organisers/action-state';
import { addWebhook, connectActionNetwork, removeEndpoint, resendDelivery, rotateWebhookSecret, setEndpointEnabled } from '@/lib/integrations/endpoints';

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};
const PAGE = '/[locale]/dashboard/petitions/[slug]/integrations';

function stateOf(result: Awaited<ReturnType<typeof addWebhook>>): SecretFormState {
  if (result.status === 'created') {
    revalidatePath(PAGE, 'page');
    return { status: 'done', secret: result.secret };
  }
  return result;
}

/** Adds a webhook endpoint; its secret is shown once. */
export async function addWebhookAction(_prev: SecretFormState, form: FormData): Promise<SecretFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const events = form.getAll('events').filter((v): v is string => typeof v === 'string');
  return stateOf(await addWebhook(actor, text(form, 'slug'), { url: text(form, 'url'), events }));
}

/** Connects Action Network. */
export async function connectActionNetworkAction(_prev: SecretFormState, form: FormData): Promise<SecretFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return stateOf(await connectActionNetwork(actor, text(form, 'slug'), { petitionId: text(form, 'petitionId'), apiKey: text(form, 'apiKey') }));
}

/** A new signing secret, shown once. */
export async function rotateSecretAction(_prev: SecretFormState, form: FormData): Promise<SecretFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await rotateWebhookSecret(actor, text(form, 'slug'), text(form, 'id'));
  return result.status === 'rotated' ? { status: 'done', secret: result.secret } : result;
}

async function done(result: 'done' | 'queued' | 'not_found'): Promise<DashboardActionState> {
  if (result === 'not_found') return { status: 'not_found' };
  revalidatePath(PAGE, 'page');
  return { status: 'done' };
}

/** Switches an endpoint on or off. */
export async function toggleEndpointAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return done(await setEndpointEnabled(actor, text(form, 'slug'), text(form, 'id'), text(form, 'enabled') === 'true'));
}

/** Removes an endpoint. */
export async function removeEndpointAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return done(await removeEndpoint(actor, text(form, 'slug'), text(form, 'id')));
}

/** Sends one delivery again under its id. */
export async function resendDeliveryAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return done(await resendDelivery(actor, text(form, 'slug'), Number(text(form, 'id'))));
}
