import { sql, type SQL } from 'drizzle-orm';

/** The queue's task names; the worker's task list is keyed by these. */
export const jobNames = {
  signatureEmail: 'send_signature_email',
  loginLink: 'send_login_link',
  organiserInvite: 'send_organiser_invite',
  milestoneEmail: 'notify_organisers_of_milestone',
  closeDuePetitions: 'close_due_petitions',
  recordMilestones: 'record_milestones',
  updateEmail: 'send_update_email',
  releaseStaleLocks: 'release_stale_locks',
  recountCounts: 'recount_counts',
  applyRetention: 'apply_retention',
} as const;

// Up to ~a day of exponential backoff before a job is given up.
const MAX_ATTEMPTS = 16;

/**
 * SQL that queues the email about a signature, for use inside the statement or transaction
 * that writes the signature. The job key coalesces emails queued while one is still waiting.
 */
export function signatureEmailJob(signatureId: SQL): SQL {
  return sql`graphile_worker.add_job(
    ${jobNames.signatureEmail},
    json_build_object('signatureId', ${signatureId}),
    max_attempts := ${MAX_ATTEMPTS},
    job_key := ${signatureEmailJobKey(signatureId)},
    job_key_mode := 'preserve_run_at'
  )`;
}

/**
 * One job (a `graphile_worker.job_spec` for `add_jobs`) for the emails about several signatures, from
 * an aggregate over `signatureId`: a batch job, whose entries the queue retries one by one if some
 * fail. No job key: the outbox hands each signature to the queue once. The spec is built by its
 * attributes' names, as graphile-worker's own `addJobs` builds it (json_populate_record), so it does
 * not depend on the order of the type's attributes; those left out are null (the queue's defaults).
 */
export function signatureEmailBatchJobSpec(signatureId: SQL): SQL {
  return sql`json_populate_record(null::graphile_worker.job_spec, json_build_object(
    'identifier', ${jobNames.signatureEmail}::text,
    'payload', json_agg(json_build_object('signatureId', ${signatureId}) order by ${signatureId}),
    'max_attempts', ${MAX_ATTEMPTS}::int
  ))`;
}

const signatureEmailJobKey = (signatureId: SQL): SQL => sql`'signature-email:' || ${signatureId}`;
