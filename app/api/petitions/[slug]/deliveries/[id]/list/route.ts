import { findDeliveryDocument, fingerprintLinesPage, streamPages } from '@/lib/deliveries/document';
import { apiError, openDataHeaders, withErrorHandling } from '@/lib/http/json';

type Context = { params: Promise<{ slug: string; id: string }> };

/**
 * Open data: a delivery's list as delivered, in the fingerprint's canonical serialisation (one line per
 * signature: id, confirmation time in UTC, country; docs/delivery-fingerprint.md). Its SHA-256 is the
 * published fingerprint. No names, emails or anything else about the signers. Not published for an at-risk
 * petition (404 `withheld`).
 */
export const GET = withErrorHandling(async (req: Request, ctx: Context) => {
  const { slug, id } = await ctx.params;
  const doc = await findDeliveryDocument(slug, id, 'en');
  if (!doc) return apiError(req, 404, 'not_found', 'errors.deliveryNotFound', { headers: openDataHeaders(30) });
  // At-risk mode: each line (confirmation time, country) would place one signer; small countries are shown
  // only as "fewer than" everywhere else, so the list is withheld and the fingerprint stands alone.
  if (doc.atRisk) return apiError(req, 404, 'withheld', 'api.deliveryListWithheld', { headers: openDataHeaders(30) });
  const body = streamPages(
    '',
    async (after) => {
      const page = await fingerprintLinesPage(doc.id, after);
      return { html: page.map((r) => r.line).join(''), lastId: page.length < 5000 ? null : page[page.length - 1]!.id };
    },
    '',
  );
  return new Response(body, {
    headers: { ...openDataHeaders(3600), 'content-type': 'text/plain; charset=utf-8', 'x-fingerprint-sha256': doc.fingerprint ?? '' },
  });
});
