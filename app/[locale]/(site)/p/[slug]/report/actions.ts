'use server';

import { headers } from 'next/headers';
import { clientIpFrom } from '@/lib/http/client-ip';
import { reportPetition } from '@/lib/moderation/reports';
import type { ReportState } from '@/lib/moderation/action-states';

/** Files a report; rate-limited per address without saying so. */
export async function reportAction(slug: string, _prev: ReportState, form: FormData): Promise<ReportState> {
  const ip = clientIpFrom(await headers());
  return reportPetition(slug, { reason: form.get('reason'), details: form.get('details'), email: form.get('email') }, ip);
}
