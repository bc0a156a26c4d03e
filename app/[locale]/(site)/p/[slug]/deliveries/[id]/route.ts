import { notFound } from 'next/navigation';
import { findDeliveryDocument, renderDeliveryDocument } from '@/lib/deliveries/document';
import { getEnv } from '@/lib/env';
import { isLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';

type Context = { params: Promise<{ locale: string; slug: string; id: string }> };

/** The printable delivery document, streamed: its head at once, then the names a page at a time. */
export async function GET(_req: Request, ctx: Context): Promise<Response> {
  const { locale, slug, id } = await ctx.params;
  if (!isLocale(locale)) notFound();
  const doc = await findDeliveryDocument(slug, id, locale);
  if (!doc) return new Response(translatorFor(locale)('errors.deliveryNotFound'), { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(renderDeliveryDocument(doc, locale, getEnv().appUrl), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60', 'x-robots-tag': 'noindex' },
  });
}
