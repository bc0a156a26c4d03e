import 'server-only';
import { createHash } from 'node:crypto';
import { negotiateLocale } from '@/lib/i18n/locales';
import { getPublicPetition } from '@/lib/petitions/queries';
import { renderPreviewImage } from './preview-image';

// Rendering takes ~100 ms; a surge asks for the same few cards over and over. Bounded, and keyed
// by everything drawn, so a moved count or an edited title is a new entry, never a stale image.
const MAX_ENTRIES = 64;
const rendered = new Map<string, Promise<Buffer>>();

/** The preview card of a published petition as PNG with an ETag; null for drafts and unknown slugs. */
export async function petitionPreviewImage(slug: string, requestedLocale: string | null): Promise<{ png: Buffer; etag: string } | null> {
  const petition = await getPublicPetition(slug, requestedLocale ?? undefined);
  if (!petition) return null;
  const locale = negotiateLocale(petition.language);
  const input = { title: petition.title, target: petition.target, count: petition.signatureCount, goal: petition.goal, locale };
  const key = createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 24);
  let png = rendered.get(key);
  if (!png) {
    png = renderPreviewImage(input);
    png.catch(() => rendered.delete(key));
    rendered.set(key, png);
    if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value!);
  }
  return { png: await png, etag: `"${key}"` };
}
