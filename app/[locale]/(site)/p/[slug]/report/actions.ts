'use server';

import { headers } from 'next/headers';
import { reportPetition } from '@/lib/moderation/reports';

export type ReportState = { status: 'idle' } | { status: 'received' } | { status: 'invalid'; errors: Record<string, string[]> } | { status: 'not_found' };

/** Files a report; rate-limited per address without saying so. */
export async function reportAction(slug: string, _prev: ReportState, form: FormData): Promise<ReportState> {
  const h = await headers();
  const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
  return reportPetition(slug, { reason: form.get('reason'), details: form.get('details'), email: form.get('email') }, ip);
}
