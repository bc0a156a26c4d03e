// How often one signature may cause an email, and which held signatures are mailed nothing: read by
// the signing and resend statements (./statements.ts) and the pages that say when to ask again.

/** Emails one signature may cause, all reasons together: a form must not become a way to flood an inbox. */
export const MAX_EMAILS_PER_SIGNATURE = 5;

/**
 * Seconds between emails about one signature, whatever causes them (a repeat of the form, a double
 * click, "send it again"): the first email is on its way, a second in this time helps no one.
 */
export const RESEND_INTERVAL_SECONDS = 15;

/**
 * Why a signature is held that also means it is mailed nothing: the honeypot and the block lists
 * (a bot or a blocked sender would otherwise use the platform to mail whomever it names). Rate-limit
 * matches still get their email: a real person behind a shared address can confirm.
 */
export const SILENCED_REASONS = ['honeypot', 'blocked_domain', 'blocked_ip'] as const;

/** Whether a suspicion reason means no email. */
export function isSilencedReason(reason: string | null | undefined): boolean {
  return (SILENCED_REASONS as readonly (string | null | undefined)[]).includes(reason);
}
