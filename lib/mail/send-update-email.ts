import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { markdownToHtml } from '@/lib/markdown/to-html';
import { emailVisibleToOrganisers } from '@/lib/signatures/consent';
import { issueManageToken } from '@/lib/signatures/tokens';
import { unsubscribeToken } from '@/lib/updates/unsubscribe';
import { renderUpdate } from './organiser-templates';
import { deliverMail } from './transport';

/**
 * Sends one update to one signer, unless it was already sent (a retried or resumed job) or the
 * signer has since unsubscribed or withdrawn; stamps the delivery as soon as SMTP accepts it.
 */
export async function sendUpdateEmail(deliveryId: number): Promise<'sent' | 'skipped'> {
  const rows = await getDb().execute<{
    email: string;
    locale: string;
    sendable: boolean;
    signature_id: number;
    update_id: string;
    subject: string;
    body: string;
    title: string;
    slug: string;
  }>(sql`
    select s.email, s.locale, s.id as signature_id, u.id as update_id, u.subject, u.body, coalesce(t.title, p.title) as title, p.slug,
           ${emailVisibleToOrganisers('s')} as sendable
    from update_deliveries d
    join signatures s on s.id = d.signature_id
    join petition_updates u on u.id = d.update_id
    join petitions p on p.id = u.petition_id
    left join petition_translations t on t.petition_id = p.id and t.language = s.locale
    where d.id = ${deliveryId} and d.sent_at is null`);
  const r = rows[0];
  if (!r || !r.sendable) return 'skipped';
  const appUrl = getEnv().appUrl;
  const token = unsubscribeToken(Number(r.signature_id));
  const oneClick = `${appUrl}/api/unsubscribe/${token}`;
  const mail = await renderUpdate({
    locale: r.locale,
    petitionTitle: r.title,
    subject: r.subject,
    bodyText: r.body,
    bodyHtml: markdownToHtml(r.body),
    petitionUrl: appUrl + localizedPath(r.locale, `/p/${r.slug}`),
    unsubscribeUrl: appUrl + localizedPath(r.locale, `/unsubscribe/${token}`),
    manageUrl: appUrl + localizedPath(r.locale, `/s/${await issueManageToken(Number(r.signature_id))}`),
  });
  await deliverMail({
    to: r.email,
    ...mail,
    // If a worker dies after the relay took the message but before it was stamped, the retry
    // carries the same Message-ID, which lets mailbox providers drop the duplicate.
    messageId: `<update-${r.update_id}-${r.signature_id}@${new URL(appUrl).hostname}>`,
    // RFC 8058: mailbox providers offer a one-click button that POSTs here, no session needed.
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  await getDb().execute(sql`update update_deliveries set sent_at = now() where id = ${deliveryId} and sent_at is null`);
  return 'sent';
}
