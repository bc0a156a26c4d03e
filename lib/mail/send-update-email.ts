import 'server-only';
import { and, eq, getTableName, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionTranslations, petitionUpdates, petitions, signatures, updateDeliveries } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { markdownToHtml } from '@/lib/markdown/to-html';
import { emailVisibleToOrganisers } from '@/lib/signatures/consent';
import { openSigner } from '@/lib/signatures/read-signer';
import { issueManageToken } from '@/lib/signatures/tokens';
import { unsubscribeToken } from '@/lib/updates/unsubscribe';
import { renderUpdate } from './organiser-templates';
import { deliverMail } from './transport';

/**
 * Sends one update to one signer, unless it was already sent (a retried or resumed job) or the
 * signer has since unsubscribed or withdrawn; stamps the delivery as soon as SMTP accepts it.
 */
export async function sendUpdateEmail(deliveryId: number): Promise<'sent' | 'skipped'> {
  const sg = signatures;
  const u = petitionUpdates;
  const p = petitions;
  const t = petitionTranslations;
  const d = updateDeliveries;
  const [sealed] = await getDb()
    .select({
      petitionId: sg.petitionId,
      signatureKey: sg.canonicalEmail,
      sealedEmail: sg.sealedEmail,
      locale: sg.locale,
      signatureId: sg.id,
      updateId: u.id,
      subject: u.subject,
      body: u.body,
      title: p.title,
      // The title as the signer read it: the translation in the language they signed in, if any.
      translatedTitle: t.title,
      slug: p.slug,
      sendable: emailVisibleToOrganisers(getTableName(sg)),
    })
    .from(d)
    .innerJoin(sg, eq(sg.id, d.signatureId))
    .innerJoin(u, eq(u.id, d.updateId))
    .innerJoin(p, eq(p.id, u.petitionId))
    .leftJoin(t, and(eq(t.petitionId, p.id), eq(t.language, sg.locale)))
    .where(and(eq(d.id, deliveryId), isNull(d.sentAt)));
  if (!sealed || !sealed.sendable) return 'skipped';
  // The address is opened here, in the worker, under the petition's data key (cached).
  const r = (await openSigner(sealed))!;
  if (!r.email) return 'skipped';
  const appUrl = getEnv().appUrl;
  const token = unsubscribeToken(r.signatureId);
  const oneClick = `${appUrl}/api/unsubscribe/${token}`;
  const mail = await renderUpdate({
    locale: r.locale,
    petitionTitle: r.translatedTitle ?? r.title,
    subject: r.subject,
    bodyText: r.body,
    bodyHtml: markdownToHtml(r.body),
    petitionUrl: appUrl + localizedPath(r.locale, `/p/${r.slug}`),
    unsubscribeUrl: appUrl + localizedPath(r.locale, `/unsubscribe/${token}`),
    manageUrl: appUrl + localizedPath(r.locale, `/s/${await issueManageToken(r.signatureId)}`),
  });
  await deliverMail({
    to: r.email,
    ...mail,
    // If a worker dies after the relay took the message but before it was stamped, the retry
    // carries the same Message-ID, which lets mailbox providers drop the duplicate.
    messageId: `<update-${r.updateId}-${r.signatureId}@${new URL(appUrl).hostname}>`,
    // RFC 8058: mailbox providers offer a one-click button that POSTs here, no session needed.
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  await getDb()
    .update(d)
    .set({ sentAt: sql`now()` })
    .where(and(eq(d.id, deliveryId), isNull(d.sentAt)));
  return 'sent';
}
