import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared } from '@/db/client';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { CONFIRMATION_LINK_DAYS, signatureEmailTokens } from '@/lib/signatures/tokens';
import { renderAlreadySigned, renderSignatureConfirmation } from './templates';
import { deliverMail } from './transport';

/**
 * The queued email about a signature, decided when it is sent: a fresh confirmation link while
 * pending, "you have already signed" once confirmed, nothing once withdrawn or invalidated.
 */
export async function sendSignatureEmail(signatureId: number): Promise<'confirmation' | 'already_signed' | 'skipped'> {
  const links = signatureEmailTokens(sql`s`);
  const rows = await executePrepared<{ name: string; email: string; locale: string; status: string; slug: string; title: string; stopped: boolean }>(sql`
    with s as (
      select s.id, s.name, s.email, s.locale, s.status, p.slug, s.unsubscribed_at is not null as stopped, coalesce(t.title, p.title) as title
      from signatures s join petitions p on p.id = s.petition_id
      -- The title as the signer read it: the translation in the language they signed in, if any.
      left join petition_translations t on t.petition_id = p.id and t.language = s.locale
      where s.id = ${signatureId}
    ),
    issued as (${links.insert})
    select name, email, locale, status, slug, title, stopped from s`);
  const s = rows[0];
  // The signer asked for no more email (from their page): nothing more is sent, not even a confirmation.
  if (!s || s.stopped) return 'skipped';
  const appUrl = getEnv().appUrl;
  const manageUrl = appUrl + localizedPath(s.locale, `/s/${links.manage}`);
  if (s.status === 'pending') {
    const confirmUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}/confirm/${links.confirm}`);
    const mail = renderSignatureConfirmation({ locale: s.locale, name: s.name, petitionTitle: s.title, confirmUrl, manageUrl, days: CONFIRMATION_LINK_DAYS });
    await deliverMail({ to: s.email, ...mail });
    return 'confirmation';
  }
  if (s.status === 'confirmed' || s.status === 'held') {
    const petitionUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}`);
    await deliverMail({ to: s.email, ...renderAlreadySigned({ locale: s.locale, name: s.name, petitionTitle: s.title, petitionUrl, manageUrl }) });
    return 'already_signed';
  }
  return 'skipped';
}
