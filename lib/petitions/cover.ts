import 'server-only';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { petitionBySlug } from './by-slug';

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
  await getDb().execute(sql`
    insert into petition_images (petition_id, data, content_type, width, height)
    values (${petition.id}, ${output}, 'image/jpeg', 1200, 630)
    on conflict (petition_id) do update set data = excluded.data, content_type = excluded.content_type, updated_at = now()`);
  return 'saved';
}

/** Removes the cover. */
export async function removeCoverImage(actor: Organiser, slug: string): Promise<'removed' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return 'not_found';
  await getDb().execute(sql`delete from petition_images where petition_id = ${petition.id}`);
  return 'removed';
}

/** A published petition's cover, for the public image route. */
export async function getCoverImage(slug: string): Promise<{ data: Buffer; contentType: string; updatedAt: Date } | null> {
  const rows = await getDb().execute<{ data: Buffer; content_type: string; updated_at: string }>(sql`
    select i.data, i.content_type, i.updated_at from ${petitionBySlug(slug)} p join petition_images i on i.petition_id = p.id
    where p.status <> 'draft' and p.hidden_at is null`);
  const r = rows[0];
  return r ? { data: r.data, contentType: r.content_type, updatedAt: new Date(r.updated_at) } : null;
}
