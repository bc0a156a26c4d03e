'use server';

import { getCurrentOrganiser } from '@/lib/auth/session';
import { abuseSettingsFormValues, saveAbuseSettings } from '@/lib/moderation/abuse-settings';
import { dismissReport, hideReportedPetition } from '@/lib/moderation/reports';
import type { DashboardActionState } from '@/lib/organisers/action-state';

// Platform admins only: the lib functions check the account against ADMIN_EMAILS.

export async function hidePetitionAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const ok = await hideReportedPetition(await getCurrentOrganiser(), Number(form.get('reportId')));
  return ok ? { status: 'done' } : { status: 'not_found' };
}

export async function dismissReportAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const ok = await dismissReport(await getCurrentOrganiser(), Number(form.get('reportId')));
  return ok ? { status: 'done' } : { status: 'not_found' };
}

/** Saves the rate limits and the block and allow lists. */
export async function saveAbuseSettingsAction(_prev: DashboardActionState, form: FormData): Promise<DashboardActionState> {
  const result = await saveAbuseSettings(await getCurrentOrganiser(), abuseSettingsFormValues(form));
  return result === 'saved' ? { status: 'done' } : result === 'invalid' ? { status: 'invalid', error: 'abuseSettings' } : { status: 'not_found' };
}
