import 'server-only';
import { getSessionClient } from '@/db/client';
import { CONFIRMATION_LINK_DAYS } from '@/lib/signatures/tokens';
import { retentionPeriods } from './periods';
import {
  anonymiseClosedPetitionsBatch,
  clearIpHashesBatch,
  clearReporterEmailsBefore,
  deleteExpiredRecordRows,
  deleteSpentAccountRecordsBefore,
  purgeExpiredAtRiskPendingBatch,
  purgeWithdrawnBatch,
  releaseRetentionLock,
  tryRetentionLock,
} from './statements';

export { RETENTION_LOCK } from './statements';

// Batches keep each statement short: a retention run never holds locks on a surge's rows for long.
const BATCH = 5_000;

// Days of 24 hours before `now`, computed here: a timestamptz minus an interval of days follows the
// session zone's daylight-saving changes (an hour early or late in America/Toronto).
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/** Runs a batch purge until a batch comes back short; returns the total it changed. */
async function inBatches(purge: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await purge(BATCH);
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Clears the keyed IP hashes of signatures older than the abuse-review window (30 days by default).
 * Idempotent; returns how many signatures it cleared.
 */
export async function clearExpiredIpHashes(now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, retentionPeriods().ipHashDays);
  return inBatches((batch) => clearIpHashesBatch(cutoff, batch));
}

/**
 * Removes the personal data of signers of petitions closed longer ago than the retention period
 * (`ANONYMISE_AFTER_DAYS`): names, emails, postcodes, comments, IP hashes and the signer's links go;
 * status, country, source and dates stay, so counts, charts and open data are unchanged. Idempotent;
 * returns how many signatures it anonymised.
 */
export async function anonymiseClosedPetitions(now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, retentionPeriods().anonymiseAfterDays);
  return inBatches((batch) => anonymiseClosedPetitionsBatch(cutoff, batch));
}

/**
 * Removes the personal data of signatures withdrawn longer ago than `WITHDRAWN_DATA_HOURS`: the
 * withdrawal stays (it is why the signature no longer counts), and the address is free to sign
 * again as a new signature. A signature signed again meanwhile is no longer withdrawn and keeps
 * its data. Idempotent; returns how many it cleared.
 */
export async function purgeWithdrawnSignatures(now = new Date()): Promise<number> {
  const hours = retentionPeriods().withdrawnDataHours;
  return inBatches((batch) => purgeWithdrawnBatch(now.toISOString(), hours, batch));
}

/**
 * Removes the personal data of at-risk petitions' signatures left unconfirmed once their link has
 * expired (`CONFIRMATION_LINK_DAYS` after the last one mailed): such a petition keeps an address only
 * while it can still be confirmed. Idempotent; returns how many it cleared.
 */
export async function purgeExpiredAtRiskPending(now = new Date()): Promise<number> {
  return inBatches((batch) => purgeExpiredAtRiskPendingBatch(now.toISOString(), CONFIRMATION_LINK_DAYS, batch));
}

/**
 * Deletes what signing in and co-organising leave behind once it is of no use: sign-in link
 * requests, sign-in links used or expired, and invitations accepted, withdrawn or expired, all
 * after `ACCOUNT_RECORD_DAYS`; sessions as soon as they expire. Returns how many rows it deleted.
 */
export async function deleteSpentAccountRecords(now = new Date()): Promise<number> {
  return deleteSpentAccountRecordsBefore(now.toISOString(), retentionPeriods().accountRecordDays);
}

/**
 * Clears reporters' email addresses once their report has been dealt with (dismissed, or the
 * petition hidden), and after `REPORTER_EMAIL_DAYS` at the latest. Returns how many it cleared.
 */
export async function clearReporterEmails(now = new Date()): Promise<number> {
  return clearReporterEmailsBefore(now.toISOString(), retentionPeriods().reporterEmailDays);
}

/**
 * Deletes the circuit breaker's past windows, email-budget records past the budget's window, expired
 * emailed tokens and finished integration deliveries past their 30 days (lib/privacy/statements.ts):
 * none is of use any more.
 */
export async function deleteExpiredRecords(): Promise<void> {
  await deleteExpiredRecordRows();
}

/**
 * The hourly retention run: every purge above, at most one run at a time across all workers (a
 * run still going when the next is due, or one started by another worker, makes this one a no-op).
 * Returns false when another run held the lock.
 */
export async function applyRetention(now = new Date()): Promise<boolean> {
  // A session lock on a connection of its own, held for the whole run while the batches use the
  // pool; if the process dies, the connection and the lock go with it. A direct session: through a
  // transaction pooler the lock would stay on a server connection other clients go on using.
  const connection = await getSessionClient().reserve();
  try {
    if (!(await tryRetentionLock(connection))) return false;
    try {
      await clearExpiredIpHashes(now);
      await anonymiseClosedPetitions(now);
      await purgeWithdrawnSignatures(now);
      await purgeExpiredAtRiskPending(now);
      await deleteSpentAccountRecords(now);
      await clearReporterEmails(now);
      await deleteExpiredRecords();
    } finally {
      await releaseRetentionLock(connection);
    }
    return true;
  } finally {
    connection.release();
  }
}
