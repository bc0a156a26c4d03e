import 'server-only';
import type { SignerRow } from '@/lib/exports/signatures';

// What an event carries to a webhook or to Action Network. Personal data follows the dashboard's rule
// and a stricter one for leaving the platform: a signer's name, email, postcode and comment only for a
// signer the consent rule lets organisers email (confirmed, opted in, not unsubscribed: `optedIn` of
// the CSV's reader), and never on an at-risk petition; anyone else is their country, and the counts.

export type PetitionFacts = { slug: string; title: string; url: string; signatureCount: number; atRisk: boolean };

/** A signer as an event carries them: everything the CSV has, or only the country. */
export type SignerPayload =
  | {
      id: number;
      name: string | null;
      email: string | null;
      country: string;
      postcode: string | null;
      comment: string | null;
      status: string;
      created_at: string;
      confirmed_at: string | null;
      source: string | null;
      opted_in: true;
      /** Answers to the petition's own questions, by question id (lib/questions). */
      answers: Record<string, string | string[]>;
      /** Consents given, per purpose (`updates`, `partner`): the exact text shown, its language, when. */
      consents: SignerRow['consents'] | Record<string, never>;
    }
  | { country: string; opted_in: false };

/** Whether a signer's personal data may leave with an event. */
export function mayCarryPersonalData(row: SignerRow | undefined, petition: Pick<PetitionFacts, 'atRisk'>): boolean {
  return !!row && row.optedIn === true && !!row.email && !petition.atRisk;
}

/**
 * The one place a signer row becomes what leaves the platform (webhooks, Action Network, the API's
 * JSON list): the CSV's fields for a consenting signer, the country alone for anyone else.
 */
export function signerPayload(row: SignerRow, petition: Pick<PetitionFacts, 'atRisk'>): SignerPayload {
  if (!mayCarryPersonalData(row, petition)) return { country: row.country, opted_in: false };
  // Answers and per-purpose consent come from the same row (the CSV's select), under the same rule.
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    country: row.country,
    postcode: row.postcode,
    comment: row.comment,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    confirmed_at: row.confirmedAt?.toISOString() ?? null,
    source: row.source,
    opted_in: true,
    answers: row.answers ?? {},
    consents: row.consents ?? {},
  };
}

/** A Standard Webhooks payload: `type`, `timestamp`, `data`. */
export function eventBody(type: string, occurredAt: Date, petition: PetitionFacts, extra: Record<string, unknown>): string {
  return JSON.stringify({
    type,
    timestamp: occurredAt.toISOString(),
    data: { petition: { slug: petition.slug, title: petition.title, url: petition.url, signature_count: petition.signatureCount }, ...extra },
  });
}
