import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import sharp from 'sharp';
import { getDb } from '@/db/client';
import { petitionImages } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { petitionAt } from './by-slug';

export const MAX_COVER_BYTES = 5 * 1024 * 1024;
/**
 * The most pixels an uploaded cover may have (25 megapixels, e.g. 6000 × 4000; the message
 * `dashboard.errors.coverTooManyPixels` says so): decoding one costs ~100 MB, and a few hundred
 * bytes of PNG can claim 30000 × 30000, so it is checked from the header before any decoding.
 */
export const MAX_COVER_PIXELS = 25_000_000;
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export type CoverResult = 'saved' | 'too_large' | 'too_many_pixels' | 'unsupported' | 'not_found';

/**
 * Re-encodes an uploaded cover as a 1200×630 JPEG (the link-preview shape): any format trick,
 * metadata (GPS, camera) or oversized file never reaches readers, and an image of more than
 * MAX_COVER_PIXELS is refused from its header, never decoded.
 */
export async function saveCoverImage(actor: Organiser, slug: string, file: Blob): Promise<CoverResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return 'not_found';
  if (file.size > MAX_COVER_BYTES) return 'too_large';
  const input = Buffer.from(await file.arrayBuffer());
  let output: Buffer;
  try {
    // metadata() reads the header only; the pixel limit is ours to apply, with our own answer.
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    if (!meta.format || !ACCEPTED.has(meta.format)) return 'unsupported';
    if (!meta.width || !meta.height) return 'unsupported';
    if (meta.width * meta.height > MAX_COVER_PIXELS) return 'too_many_pixels';
    output = await sharp(input, { limitInputPixels: MAX_COVER_PIXELS })
      .rotate()
      .resize(1200, 630, { fit: 'cover', position: 'attention' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    return 'unsupported';
  }
  const image = { data: output, contentType: 'image/jpeg' } satisfies Partial<PgInsertValue<typeof petitionImages>>;
  await getDb()
    .insert(petitionImages)
    .values({ petitionId: petition.id, ...image, width: 1200, height: 630 })
    .onConflictDoUpdate({ target: petitionImages.petitionId, set: { ...image, updatedAt: sql`now()` } });
  return 'saved';
}

/** Removes the cover. */
export async function removeCoverImage(actor: Organiser, slug: string): Promise<'removed' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return 'not_found';
  await getDb().delete(petitionImages).where(eq(petitionImages.petitionId, petition.id));
  return 'removed';
}

/** A published petition's cover, for the public image route. */
export async function getCoverImage(slug: string) {
  const p = petitionAt(slug);
  const [cover] = await getDb()
    .select({ data: petitionImages.data, contentType: petitionImages.contentType, updatedAt: petitionImages.updatedAt })
    .from(p)
    .innerJoin(petitionImages, eq(petitionImages.petitionId, p.id))
    .where(and(ne(p.status, 'draft'), isNull(p.hiddenAt)));
  return cover ?? null;
}
