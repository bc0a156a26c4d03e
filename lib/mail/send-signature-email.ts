import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared } from '@/db/client';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { CONFIRMATION_LINK_DAYS, issueManageToken, issueSignatureTokens } from '@/lib/signatures/tokens';
import { renderAlreadySigned, renderSignatureConfirmation } from './templates';
import { deliverMail } from './transport';

/**
 * The queued email about a signature, decided when it is sent: a fresh confirmation link while
 * pending, "you have already signed" once confirmed, nothing once withdrawn or invalidated.
 */
export async function sendSignatureEmail(signatureId: number): Promise<'confirmation' | 'already_signed' | 'skipped'> {
  const rows = await executePrepared<{ name: string; email: string; locale: string; status: string; slug: string; title: string; stopped: boolean }>(sql`
    select s.name, s.email, s.locale, s.status, p.slug, s.unsubscribed_at is not null as stopped, coalesce(t.title, p.title) as title
    from signatures s join petitions p on p.id = s.petition_id
    -- The title as the signer read it: the translation in the language they signed in, if any.
    left join petition_translations t on t.petition_id = p.id and t.language = s.locale
    where s.id = ${signatureId}`);
  const s = rows[0];
  // The signer asked for no more email (from their page): nothing more is sent, not even a confirmation.
  if (!s || s.stopped) return 'skipped';
  const appUrl = getEnv().appUrl;
  if (s.status === 'pending') {
    const tokens = await issueSignatureTokens(signatureId, ['confirm', 'manage']);
    const confirmUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}/confirm/${tokens.confirm}`);
    const mail = renderSignatureConfirmation({
      locale: s.locale,
      name: s.name,
      petitionTitle: s.title,
      confirmUrl,
      manageUrl: appUrl + localizedPath(s.locale, `/s/${tokens.manage}`),
      days: CONFIRMATION_LINK_DAYS,
    });
    await deliverMail({ to: s.email, ...mail });
    return 'confirmation';
  }
  if (s.status === 'confirmed' || s.status === 'held') {
    const petitionUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}`);
    const manageUrl = appUrl + localizedPath(s.locale, `/s/${await issueManageToken(signatureId)}`);
    await deliverMail({ to: s.email, ...renderAlreadySigned({ locale: s.locale, name: s.name, petitionTitle: s.title, petitionUrl, manageUrl }) });
    return 'already_signed';
  }
  return 'skipped';
}
