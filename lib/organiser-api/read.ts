import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { countSigners, readSigners } from '@/lib/exports/signatures';
import { osdiAnswerFields, splitName } from '@/lib/integrations/action-network';
import { signerPayload, type SignerPayload } from '@/lib/integrations/payload';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { listOrganiserPetitions } from '@/lib/organisers/queries';

// The organiser API's reads (app/api/v1). Signers come through the CSV's reader and the one payload
// builder, so the API, the CSV and webhooks carry the same fields under the same consent rule.

export const SIGNERS_PAGE = { default: 100, max: 1000 } as const;
export const OSDI_PAGE = { default: 25, max: 100 } as const;

/** The organiser's petitions with their figures. */
export async function listPetitionsForApi(actor: Organiser) {
  const rows = await listOrganiserPetitions(actor);
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    status: r.status,
    victory: r.victory,
    goal: r.goal,
    signature_count: r.signatureCount,
    role: r.role,
  }));
}

/**
 * A page of a petition's consenting signers (confirmed, opted in, not unsubscribed), oldest first,
 * after the cursor (a signature id); `next_cursor` is null on the last page. Null when the petition is
 * not this organiser's, or is at risk (no per-signer list leaves such a petition).
 */
export async function listSignersForApi(
  actor: Organiser,
  slug: string,
  page: { cursor: number; limit: number },
): Promise<{ signatures: SignerPayload[]; next_cursor: string | null } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.atRisk) return null;
  const rows = await readSigners(petition.id, { consenting: true, afterId: page.cursor, limit: page.limit });
  const last = rows.at(-1);
  return {
    signatures: rows.map((r) => signerPayload(r, petition)),
    next_cursor: rows.length === page.limit && last ? String(last.id) : null,
  };
}

/**
 * The same signers as an OSDI signatures collection (HAL): `_embedded['osdi:signatures']`, each
 * with its `osdi:person` embedded, and `total_records`, `total_pages`, `per_page`, `page`, and
 * `_links` self, next and prev. `selfUrl` is the request's URL (page and per_page are set on it).
 */
export async function osdiSignaturesForApi(actor: Organiser, slug: string, page: { page: number; perPage: number }, selfUrl: URL) {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.atRisk) return null;
  const [total, rows, [asked]] = await Promise.all([
    countSigners(petition.id, { consenting: true }),
    readSigners(petition.id, { consenting: true, limit: page.perPage, offset: (page.page - 1) * page.perPage }),
    getDb().select({ questions: petitions.questions }).from(petitions).where(eq(petitions.id, petition.id)),
  ]);
  const totalPages = Math.ceil(total / page.perPage);
  const link = (n: number) => {
    const u = new URL(selfUrl);
    u.searchParams.set('page', String(n));
    u.searchParams.set('per_page', String(page.perPage));
    return { href: u.toString() };
  };
  const signatures = rows.map((r) => {
    const s = signerPayload(r, petition);
    if (!s.opted_in) return null;
    return {
      identifiers: [`undersign:${s.id}`],
      origin_system: 'Undersign',
      created_date: s.created_at,
      action_date: s.confirmed_at,
      ...(s.comment ? { comments: s.comment } : {}),
      ...(s.source ? { referrer_data: { source: s.source } } : {}),
      // Answers to the organiser's questions as OSDI custom fields, by question id (choices by label), as pushed to Action Network.
      ...(Object.keys(s.answers).length ? { custom_fields: osdiAnswerFields(s.answers, asked?.questions ?? [], petition.language) } : {}),
      _embedded: {
        'osdi:person': {
          ...splitName(s.name ?? ''),
          email_addresses: [{ address: s.email, primary: true }],
          postal_addresses: [{ ...(s.postcode ? { postal_code: s.postcode } : {}), country: s.country, primary: true }],
        },
      },
    };
  });
  return {
    total_pages: totalPages,
    per_page: page.perPage,
    page: page.page,
    total_records: total,
    _links: {
      self: link(page.page),
      ...(page.page < totalPages ? { next: link(page.page + 1) } : {}),
      ...(page.page > 1 ? { prev: link(page.page - 1) } : {}),
    },
    _embedded: { 'osdi:signatures': signatures.filter((s) => s !== null) },
  };
}
