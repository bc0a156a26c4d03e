'use server';

import { getCurrentOrganiser } from '@/lib/auth/session';
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
