import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, integrationEndpoints, petitionOrganisers, petitions } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { renderEndpointSwitchedOff } from '@/lib/mail/organiser-templates';
import { deliverMail } from '@/lib/mail/transport';
import { SWITCH_OFF_AFTER_HOURS } from './jobs';

/** Emails a petition's organisers, in the petition's language, that one of its endpoints was switched off after failing. */
export async function notifyOrganisersOfEndpointOff(p: { endpointId: string }): Promise<void> {
  const rows = await getDb()
    .select({
      email: accounts.email,
      title: petitions.title,
      slug: petitions.slug,
      language: petitions.language,
      kind: integrationEndpoints.kind,
      target: integrationEndpoints.target,
    })
    .from(integrationEndpoints)
    .innerJoin(petitions, eq(petitions.id, integrationEndpoints.petitionId))
    .innerJoin(petitionOrganisers, eq(petitionOrganisers.petitionId, petitions.id))
    .innerJoin(accounts, eq(accounts.id, petitionOrganisers.accountId))
    .where(eq(integrationEndpoints.id, p.endpointId));
  const first = rows[0];
  if (!first) return;
  const locale = isLocale(first.language) ? first.language : defaultLocale;
  const mail = await renderEndpointSwitchedOff({
    locale,
    petitionTitle: first.title,
    target: first.kind === 'webhook' ? first.target : `Action Network (${first.target})`,
    hours: SWITCH_OFF_AFTER_HOURS,
    settingsUrl: getEnv().appUrl + localizedPath(locale, `/dashboard/petitions/${first.slug}/integrations`),
  });
  for (const r of rows) await deliverMail({ to: r.email, ...mail });
}
