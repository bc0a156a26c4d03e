import 'server-only';
import { createHash } from 'node:crypto';
import { negotiateLocale } from '@/lib/i18n/locales';
import { getPublicPetition } from '@/lib/petitions/queries';
import { renderPreviewImage, type PreviewInput } from './preview-image';

// Rendering takes ~100 ms of CPU, and a surge asks for the same few cards over and over while the
// count moves with every signature: keyed by what is drawn, each new count would be a new rendering.
// So a card is made at most once per petition and language per interval, whatever the count does
// (the count drawn is the one when it was made, at most an interval old), and requests arriving
// while it is being made wait for that one rendering (single flight). Bounded: the oldest go first.

/** How long one rendering of a petition's card is served, whatever its count does meanwhile. */
export const PREVIEW_INTERVAL_MS = 60_000;
const MAX_ENTRIES = 64;

type Card = { png: Promise<Buffer>; etag: string; until: number };
const cards = new Map<string, Card>();
let renderings = 0;

/** How many cards this process has rendered (for monitoring, and the test that holds the bound). */
export function previewRenderings(): number {
  return renderings;
}

function render(input: PreviewInput): Promise<Buffer> {
  renderings++;
  return renderPreviewImage(input);
}

/**
 * The preview card of a published petition as PNG with an ETag; null for drafts and unknown slugs.
 * At most one rendering per petition and language per PREVIEW_INTERVAL_MS, however many ask at once
 * and however the count moves; a failed rendering is forgotten, so the next request tries again.
 */
export async function petitionPreviewImage(slug: string, requestedLocale: string | null): Promise<{ png: Buffer; etag: string } | null> {
  const petition = await getPublicPetition(slug, requestedLocale ?? undefined);
  if (!petition) return null;
  const locale = negotiateLocale(petition.language);
  const key = `${petition.id}:${locale}`;
  const now = Date.now();
  let card = cards.get(key);
  if (!card || card.until <= now) {
    const input = { title: petition.title, target: petition.target, count: petition.signatureCount, goal: petition.goal, locale };
    const etag = `"${createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 24)}"`;
    const made: Card = { png: render(input), etag, until: now + PREVIEW_INTERVAL_MS };
    made.png.catch(() => {
      if (cards.get(key) === made) cards.delete(key);
    });
    cards.delete(key);
    cards.set(key, made);
    if (cards.size > MAX_ENTRIES) cards.delete(cards.keys().next().value!);
    card = made;
  }
  return { png: await card.png, etag: card.etag };
}
