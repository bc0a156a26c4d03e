'use server';

import { getLocale } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { getCurrentOrganiser } from '@/lib/auth/session';
import type { DeliveryFormState, PlanFormState } from '@/lib/deliveries/action-state';
import { deliverPetition } from '@/lib/deliveries/deliver';
import { saveDeliveryPlan } from '@/lib/deliveries/plans';
import { deliveryFormValues, deliveryPlanFormValues } from '@/lib/deliveries/schemas';
import type { ResponseFormState } from '@/lib/responses/action-state';
import { setDemandOutcome } from '@/lib/responses/outcomes';
import { recordResponse } from '@/lib/responses/record';
import { reviewResponse } from '@/lib/responses/review';
import { responseFormValues } from '@/lib/responses/schemas';

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};
const slugOf = (form: FormData) => text(form, 'slug');

/** Delivers the petition now (to all emailed targets, the chosen ones, or a test to the organiser). */
export async function deliverAction(_prev: DeliveryFormState, form: FormData): Promise<DeliveryFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const values = deliveryFormValues(form);
  const result = await deliverPetition(actor, slugOf(form), values, await getLocale());
  const message = typeof values.message === 'string' ? values.message : '';
  if (result.status === 'invalid') return { status: 'invalid', errors: result.errors, message };
  if (result.status === 'no_recipients') return { status: 'no_recipients', message };
  if (result.status === 'too_many') return { status: 'too_many', message };
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

const responseState = (
  result: { status: 'done' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' },
  form: FormData,
): ResponseFormState =>
  result.status === 'invalid'
    ? {
        status: 'invalid',
        errors: result.errors,
        values: Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string')),
      }
    : result;

/** Records a target's response found by the organiser (shown and announced at once). */
export async function recordResponseAction(_prev: ResponseFormState, form: FormData): Promise<ResponseFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await recordResponse(actor, slugOf(form), responseFormValues(form));
  if (result.status === 'done') revalidatePath('/[locale]/dashboard/petitions/[slug]/delivery', 'page');
  return responseState(result, form);
}

/** Approves or rejects a response a target sent through its link. */
export async function reviewResponseAction(_prev: ResponseFormState, form: FormData): Promise<ResponseFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const decision = form.get('decision') === 'reject' ? 'reject' : 'approve';
  const result = await reviewResponse(actor, slugOf(form), text(form, 'responseId'), decision);
  if (result === 'done') revalidatePath('/[locale]/dashboard/petitions/[slug]/delivery', 'page');
  return { status: result };
}

/** Sets a demand's outcome. */
export async function setOutcomeAction(_prev: ResponseFormState, form: FormData): Promise<ResponseFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return responseState(await setDemandOutcome(actor, slugOf(form), responseFormValues(form)), form);
}
