import 'server-only';
import { getEnv } from '@/lib/env';
import { localizedPath } from '@/lib/i18n/paths';
import { readSignatureEmails, type SignatureEmailRow } from '@/lib/signatures/statements';
import { CONFIRMATION_LINK_DAYS, LIFETIME_DAYS, signatureEmailLinks } from '@/lib/signatures/tokens';
import { renderAlreadySigned, renderAtRiskConfirmation, renderSignatureConfirmation } from './templates';
import { settleWithin } from '@/lib/jobs/settle-within';
import { deliverMail } from './transport';

type Outcome = 'confirmation' | 'already_signed' | 'skipped';

// Two sends at a time per job keep the pooled SMTP connections busy across the worker's jobs; a job
// starts no send after 20 s (the rest are retried), so a slow SMTP server holds a batch's other
// signatures back for seconds, not for the whole batch, and a stopping worker (SIGTERM waits for its
// jobs) is not held for minutes. A long job is never taken for a dead worker's: that goes by the
// worker's heartbeat, not the job's age (stale-locks.ts).
const SENDS_AT_ONCE = 2;
const JOB_BUDGET_MS = 20_000;

/**
 * The queued emails about a batch of signatures, each decided when it is sent: a fresh confirmation
 * link while pending, "you have already signed" once confirmed, nothing once withdrawn or
 * invalidated. One statement reads them all and stores their links; then one delivery per signature,
 * in the order given, each settling on its own (the queue retries only the ones that failed or were
 * not started in the job's time).
 */
export async function sendSignatureEmails(signatureIds: number[]): Promise<Promise<Outcome>[]> {
  const tokens = signatureEmailLinks(signatureIds);
  const rows = await readSignatureEmails(signatureIds, tokens.hashes, LIFETIME_DAYS);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return settleWithin(signatureIds, { width: SENDS_AT_ONCE, budgetMs: JOB_BUDGET_MS }, (id) => deliver(byId.get(id), tokens.links.get(id)!));
}

/** The email about one signature (a resend); see `sendSignatureEmails`. */
export async function sendSignatureEmail(signatureId: number): Promise<Outcome> {
  const [sent] = await sendSignatureEmails([signatureId]);
  return sent!;
}

async function deliver(s: SignatureEmailRow | undefined, links: { confirm: string; manage: string }): Promise<Outcome> {
  // The signer asked for no more email (from their page): nothing more is sent, not even a confirmation.
  if (!s || s.stopped) return 'skipped';
  // An at-risk signature's address is removed at confirmation: there is nowhere to send anything.
  if (s.email === '') return 'skipped';
  const appUrl = getEnv().appUrl;
  const manageUrl = appUrl + localizedPath(s.locale, `/s/${links.manage}`);
  if (s.status === 'pending') {
    const confirmUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}/confirm/${links.confirm}`);
    if (s.atRisk) {
      // Its link names no petition either (the address is made from the title): /confirm/<token>.
      const neutralUrl = appUrl + localizedPath(s.locale, `/confirm/${links.confirm}`);
      const mail = await renderAtRiskConfirmation({ locale: s.locale, confirmUrl: neutralUrl, manageUrl, days: CONFIRMATION_LINK_DAYS });
      await deliverMail({ to: s.email, ...mail, from: getEnv().mailFromAtRisk });
      return 'confirmation';
    }
    const mail = await renderSignatureConfirmation({
      locale: s.locale,
      name: s.name,
      petitionTitle: s.title,
      confirmUrl,
      manageUrl,
      days: CONFIRMATION_LINK_DAYS,
    });
    await deliverMail({ to: s.email, ...mail });
    return 'confirmation';
  }
  if (s.status === 'confirmed' || s.status === 'held') {
    const petitionUrl = appUrl + localizedPath(s.locale, `/p/${s.slug}`);
    await deliverMail({ to: s.email, ...(await renderAlreadySigned({ locale: s.locale, name: s.name, petitionTitle: s.title, petitionUrl, manageUrl })) });
    return 'already_signed';
  }
  return 'skipped';
}
