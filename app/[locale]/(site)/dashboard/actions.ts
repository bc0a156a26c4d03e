'use server';

import { getLocale } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getCurrentOrganiser } from '@/lib/auth/session';
import { formText } from '@/lib/http/form';
import { localizedPath } from '@/lib/i18n/paths';
import { setCommentHidden } from '@/lib/dashboard/queries';
import type { BulkFormState, DashboardActionState, EditorState, UpdateFormState } from '@/lib/organisers/action-state';
import { bulkRuleFormValues } from '@/lib/moderation/bulk-rules';
import { invalidateByRule, previewBulkRule, releaseHeldByRule, restoreByRule } from '@/lib/moderation/invalidate';
import { sendUpdate } from '@/lib/updates/updates';
import { inviteOrganiser, removeOrganiser } from '@/lib/organisers/invites';
import { removeCoverImage, saveCoverImage } from '@/lib/petitions/cover';
import { closePetition, declareVictory, raiseGoal } from '@/lib/petitions/lifecycle';
import { switchToAtRisk } from '@/lib/petitions/switch-to-at-risk';
import { savePetition } from '@/lib/petitions/save';
import { removeTranslation, saveTranslation, translationFormValues } from '@/lib/petitions/translations';
import { petitionFormValues } from '@/lib/petitions/schemas';
import { saveSignForm } from '@/lib/questions/save';
import { signFormValues } from '@/lib/questions/schemas';

// Every action here is reachable by a direct POST: each resolves the session itself and passes
// it to a lib function that checks this organiser may act on this petition.

const slugOf = (form: FormData) => formText(form, 'slug') ?? '';

/** Creates or updates a petition ("Save draft" or "Publish"). */
export async function savePetitionAction(_prev: EditorState, form: FormData): Promise<EditorState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const current = formText(form, 'currentSlug') ?? '';
  const intent = form.get('intent') === 'publish' ? 'publish' : 'draft';
  const values = petitionFormValues(form);
  const result = await savePetition(actor, current || null, values, intent);
  if (result.status === 'invalid') return { status: 'invalid', errors: result.errors, values };
  if (result.status === 'not_found') return { status: 'not_found' };
  redirect(localizedPath(await getLocale(), `/dashboard/petitions/${result.slug}?saved=${intent}`));
}

export async function closePetitionAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return (await closePetition(actor, slugOf(form))).status === 'done' ? { status: 'done' } : { status: 'not_found' };
}

/** Switches the petition to at-risk mode once the organiser ticked that they understood what is lost; never off. */
export async function switchToAtRiskAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await switchToAtRisk(actor, slugOf(form), form.get('understood') === 'yes');
  if (result.status === 'not_acknowledged') return { status: 'invalid', error: 'atRiskNotAcknowledged' };
  return result.status === 'done' ? { status: 'done' } : { status: 'not_found' };
}

export async function declareVictoryAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await declareVictory(actor, slugOf(form), formText(form, 'message') ?? '');
  if (result.status === 'invalid') return { status: 'invalid', error: 'victoryMessage' };
  return result.status === 'done' ? { status: 'done' } : { status: 'not_found' };
}

export async function raiseGoalAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await raiseGoal(actor, slugOf(form), Number(form.get('goal')));
  if (result.status === 'invalid') return { status: 'invalid', error: 'goal' };
  return result.status === 'done' ? { status: 'done' } : { status: 'not_found' };
}

export async function inviteOrganiserAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await inviteOrganiser(actor, slugOf(form), formText(form, 'email') ?? '', await getLocale());
  if (result === 'invalid') return { status: 'invalid', error: 'email' };
  if (result === 'capped') return { status: 'invalid', error: 'inviteCapped' };
  return result === 'invited' ? { status: 'done' } : { status: 'not_found' };
}

export async function removeOrganiserAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await removeOrganiser(actor, slugOf(form), {
    accountId: formText(form, 'accountId') || undefined,
    inviteId: formText(form, 'inviteId') || undefined,
  });
  return result === 'removed' ? { status: 'done' } : { status: 'not_found' };
}

export async function uploadCoverAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const file = form.get('cover');
  if (!(file instanceof Blob) || file.size === 0) return { status: 'invalid', error: 'coverMissing' };
  const result = await saveCoverImage(actor, slugOf(form), file);
  if (result === 'saved') return { status: 'done' };
  if (result === 'not_found') return { status: 'not_found' };
  const errors = { too_large: 'coverTooLarge', too_many_pixels: 'coverTooManyPixels', unsupported: 'coverUnsupported' } as const;
  return { status: 'invalid', error: errors[result] };
}

export async function removeCoverAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return (await removeCoverImage(actor, slugOf(form))) === 'removed' ? { status: 'done' } : { status: 'not_found' };
}

/** Sends an update to opted-in signers (queued, throttled, capped per week). */
export async function sendUpdateAction(_prev: UpdateFormState, form: FormData): Promise<UpdateFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await sendUpdate(actor, slugOf(form), { subject: form.get('subject'), body: form.get('body') });
  if (result.status === 'invalid')
    return { status: 'invalid', errors: result.errors, subject: formText(form, 'subject') ?? '', body: formText(form, 'body') ?? '' };
  return result;
}

/** Hides (or shows again) a signer's comment on the public page. */
export async function hideCommentAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const ok = await setCommentHidden(actor, slugOf(form), Number(form.get('signatureId')), form.get('hidden') !== 'false');
  return ok ? { status: 'done' } : { status: 'not_found' };
}

/** Adds or replaces the petition's text in one language. */
export async function saveTranslationAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await saveTranslation(actor, slugOf(form), translationFormValues(form));
  return result === 'invalid' ? { status: 'invalid', error: 'translation' } : result === 'done' ? { status: 'done' } : { status: 'not_found' };
}

export async function removeTranslationAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  return (await removeTranslation(actor, slugOf(form), formText(form, 'language') ?? '')) === 'done' ? { status: 'done' } : { status: 'not_found' };
}

/** Sets the sign form's own questions, the data controller and the partner opt-in. */
export async function saveSignFormAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const result = await saveSignForm(actor, slugOf(form), signFormValues(form));
  if (result.status === 'invalid') return { status: 'invalid', error: `questions.${result.error}` };
  // The page shows the questions as stored (new ids travel hidden in it), so a second save keeps them.
  if (result.status === 'done') revalidatePath('/[locale]/dashboard/petitions/[slug]/questions', 'page');
  return result;
}

/** Bulk rule on a petition's signatures: preview the matches, invalidate or restore them, or (admins) count the held ones. */
export async function bulkSignaturesAction(_prev: BulkFormState, form: FormData): Promise<BulkFormState> {
  const actor = await getCurrentOrganiser();
  if (!actor) return { status: 'signed_out' };
  const values = bulkRuleFormValues(form);
  const intent = form.get('intent');
  const run = intent === 'invalidate' ? invalidateByRule : intent === 'release' ? releaseHeldByRule : intent === 'restore' ? restoreByRule : previewBulkRule;
  const result = await run(actor, slugOf(form), values);
  if (result.status === 'not_found') return { status: 'not_found' };
  if (result.status === 'done')
    return { status: 'done', intent: intent === 'release' || intent === 'restore' ? intent : 'invalidate', changed: result.changed, values };
  return { ...result, values };
}
