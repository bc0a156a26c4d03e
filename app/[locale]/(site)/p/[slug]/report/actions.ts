'use server';

import { headers } from 'next/headers';
import { clientIpFrom } from '@/lib/http/client-ip';
import { reportPetition } from '@/lib/moderation/reports';

export type ReportState = { status: 'idle' } | { status: 'received' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' };

/** Files a report; rate-limited per address without saying so. */
export async function reportAction(slug: string, _prev: ReportState, form: FormData): Promise<ReportState> {
  const ip = clientIpFrom(await headers());
  return reportPetition(slug, { reason: form.get('reason'), details: form.get('details'), email: form.get('email') }, ip);
}
