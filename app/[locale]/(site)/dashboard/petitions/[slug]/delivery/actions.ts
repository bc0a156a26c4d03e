'use server';

import { getLocale } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { getCurrentOrganiser } from '@/lib/auth/session';
import type { DeliveryFormState, PlanFormState } from '@/lib/deliveries/action-state';
import { deliverPetition } from '@/lib/deliveries/deliver';
import { saveDeliveryPlan } from '@/lib/deliveries/plans';
import { deliveryFormValues, deliveryPlanFormValues } from '@/lib/deliveries/schemas';

const slugOf = (form: FormData) => String(form.get('slug') ?? '');

/** Delivers the petition now (to all emailed targets, the chosen ones, or a test to the organiser). */
export async function deliverAction(_prev: DeliveryFormState, form: FormData): Promise<DeliveryFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const values = deliveryFormValues(form);
  const result = await deliverPetition(actor, slugOf(form), values, await getLocale());
  const message = typeof values.message === 'string' ? values.message : '';
  if (result.status === 'invalid') return { status: 'invalid', errors: result.errors, message };
  if (result.status === 'no_recipients') return { status: 'no_recipients', message };
  if (result.status === 'not_found') return { status: 'not_found' };
  revalidatePath('/[locale]/dashboard/petitions/[slug]/delivery', 'page');
  return { status: 'queued', recipients: result.recipients, test: result.test };
}

/** Saves the automatic delivery plan. */
export async function saveDeliveryPlanAction(_prev: PlanFormState, form: FormData): Promise<PlanFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await saveDeliveryPlan(actor, slugOf(form), deliveryPlanFormValues(form));
  return result.status === 'invalid' ? { status: 'invalid', errors: result.errors } : result;
}
