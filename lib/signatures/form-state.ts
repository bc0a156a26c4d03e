import type { FieldErrors } from './schemas';

/** What the sign form shows after a submission; plain data, safe to render on the client. */
export type SignFormState =
  | { status: 'idle' }
  | { status: 'invalid'; errors: FieldErrors; values: Record<string, string> }
  | { status: 'unavailable'; values: Record<string, string> }
  /** `slug`: the petition's current public address, where its "check your inbox" page is. */
  | { status: 'sent'; email: string; slug: string }
  | { status: 'closed' }
  /** The email's domain looks like a typo of a common provider: nothing sent yet, the person chooses. */
  | { status: 'suggest'; suggestion: string; values: Record<string, string> };

export type ResendState = { status: 'idle' | 'resent' | 'unavailable' };

export type ConfirmState =
  | { status: 'ready' }
  /** `slug`: the petition's address, for a page that did not know which petition the link was for (/confirm/<token>). */
  | { status: 'confirmed' | 'already_confirmed'; title: string; slug: string; signatureCount: number; referralCode: string | null; referrals: number }
  | { status: 'invalid' }
  | { status: 'unavailable' };

/** Typed values echoed back so nothing a person typed is lost (checkboxes as "on"). */
export function keptValues(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v.slice(0, 2000);
  return out;
}
