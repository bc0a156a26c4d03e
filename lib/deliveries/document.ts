import 'server-only';
import { and, asc, count, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deliveries, deliveryRecipients, deliverySignatures, petitionTranslations, petitions, signatures } from '@/db/schema';
import { countryName } from '@/lib/countries';
import { dateTimeFormat, formatNumber } from '@/lib/i18n/format';
import { directionOf, isLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { translatorFor } from '@/lib/i18n/translate';
import { demandsOf } from '@/lib/petitions/fragments';
import { maskSmallFigures } from '@/lib/petitions/small-figures';
import { isSlug } from '@/lib/petitions/slug';
import { openSigners } from '@/lib/signatures/read-signer';
import { publicName } from '@/lib/signatures/public-name';
import { escapeHtml } from '@/lib/text/escape-html';
import { fingerprintLineOf } from './statements';

/** Names read per database round trip while the document streams: memory holds one page of them. */
export const NAMES_PER_PAGE = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A delivery of a published petition, with what its document's head shows; null when there is none. A
 * test delivery has one too (its email links to it; it is marked as a test, listed nowhere, and names
 * no recipient: its one recipient is the organiser's email address).
 */
export async function findDeliveryDocument(slug: string, deliveryId: string, locale: string) {
  if (!isSlug(slug) || !UUID.test(deliveryId)) return null;
  const db = getDb();
  const t = petitionTranslations;
  const [head] = await db
    .select({
      id: deliveries.id,
      createdAt: deliveries.createdAt,
      signatureCount: deliveries.signatureCount,
      countryCount: deliveries.countryCount,
      fingerprint: deliveries.fingerprint,
      test: sql<boolean>`${deliveries.kind} = 'test'`,
      /** At-risk mode: the document gives counts and the fingerprint, no names, and small countries only as "fewer than". */
      atRisk: sql<boolean>`${petitions.atRiskAt} is not null`,
      slug: petitions.slug,
      /** Every language the petition is written in: the document exists in each. */
      languages: sql<
        string[]
      >`array_prepend(${petitions.language}, array(select ${t.language} from ${t} where ${t.petitionId} = ${petitions.id} order by ${t.language}))`,
      publishedAt: petitions.publishedAt,
      title: sql<string>`coalesce(${t.title}, ${petitions.title})`,
      language: sql<string>`coalesce(${t.language}, ${petitions.language})`,
      demands: sql<string[]>`coalesce(to_json(${t.demands}), ${demandsOf(petitions.id)})`,
    })
    .from(deliveries)
    .innerJoin(petitions, eq(petitions.id, deliveries.petitionId))
    .leftJoin(t, and(eq(t.petitionId, petitions.id), eq(t.language, locale)))
    .where(and(eq(deliveries.id, deliveryId), eq(petitions.slug, slug), ne(petitions.status, 'draft'), isNull(petitions.hiddenAt)));
  if (!head) return null;
  const [to, byCountry] = await Promise.all([
    // A test's one recipient is the organiser, recorded by email address: never on a public page.
    head.test
      ? []
      : db
          .select({ name: deliveryRecipients.name })
          .from(deliveryRecipients)
          .where(eq(deliveryRecipients.deliveryId, deliveryId))
          .orderBy(asc(deliveryRecipients.id)),
    db
      .select({ country: deliverySignatures.country, n: count() })
      .from(deliverySignatures)
      .where(eq(deliverySignatures.deliveryId, deliveryId))
      .groupBy(deliverySignatures.country)
      .orderBy(desc(count()), asc(deliverySignatures.country)),
  ]);
  return {
    ...head,
    to: to.map((r) => r.name),
    byCountry: maskSmallFigures(
      byCountry.map(({ country, n }) => ({ country, count: n })),
      head.atRisk,
    ),
  };
}

export type DeliveryDocument = NonNullable<Awaited<ReturnType<typeof findDeliveryDocument>>>;

/**
 * One page of the delivered list after `afterId` (by its primary key, so every page costs the same at
 * any depth), with the names of the signers on it who agreed to show theirs and still do (confirmed,
 * not anonymised): first name and initial, country. `lastId` is where the next page starts; null at the end.
 */
export async function namesPage(deliveryId: string, afterId: number, limit = NAMES_PER_PAGE) {
  const db = getDb();
  const ds = deliverySignatures;
  // The page of the list first (an index range read that stops at `limit`), then its signers by primary
  // key: joined in one query, the planner read the whole signatures table for each page.
  const page = db
    .select({ id: ds.signatureId, country: ds.country })
    .from(ds)
    .where(and(eq(ds.deliveryId, deliveryId), gt(ds.signatureId, afterId)))
    .orderBy(asc(ds.signatureId))
    .limit(limit)
    .as('page');
  const rows = await db
    .select({
      id: page.id,
      country: page.country,
      // Only the names that may be shown are read, and opened in the application (lib/signatures/read-signer.ts).
      petitionId: sql<string>`${signatures.petitionId}`,
      signatureKey: sql<string>`${signatures.canonicalEmail}`,
      sealedName: sql<Buffer | null>`case when ${signatures.status} = 'confirmed' and ${signatures.showName} and ${signatures.anonymisedAt} is null then ${signatures.sealedName} end`,
    })
    .from(page)
    .leftJoin(signatures, eq(signatures.id, page.id))
    .orderBy(asc(page.id));
  const opened = await openSigners(rows.filter((r) => r.sealedName !== null && r.petitionId !== null));
  const names = opened.filter((r) => r.name).map((r) => ({ id: r.id, name: publicName(r.name!), country: r.country }));
  return { names, lastId: rows.length < limit ? null : rows[rows.length - 1]!.id };
}

/**
 * One page of the delivered list in the fingerprint's canonical serialisation (docs/delivery-fingerprint.md),
 * after `afterId`: no names, only ids, confirmation times and countries.
 */
export async function fingerprintLinesPage(deliveryId: string, afterId: number, limit = 5000) {
  const ds = deliverySignatures;
  return getDb()
    .select({ id: ds.signatureId, line: fingerprintLineOf({ signatureId: ds.signatureId, confirmedAt: ds.confirmedAt, country: ds.country }) })
    .from(ds)
    .where(and(eq(ds.deliveryId, deliveryId), gt(ds.signatureId, afterId)))
    .orderBy(asc(ds.signatureId))
    .limit(limit);
}

/** Streams `pages` (each awaited only when the reader wants more) as UTF-8: memory holds one page. */
export function streamPages(
  first: string,
  next: (afterId: number) => Promise<{ html: string; lastId: number | null }>,
  last: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(first));
      },
      async pull(controller) {
        if (done) return;
        const page = await next(after);
        if (page.html) controller.enqueue(encoder.encode(page.html));
        if (page.lastId === null) {
          done = true;
          controller.enqueue(encoder.encode(last));
          controller.close();
        } else {
          after = page.lastId;
        }
      },
    },
    { highWaterMark: 1 },
  );
}

const STYLE = `
:root{color-scheme:light}
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;color:#1d1d1b;margin:0 auto;max-width:60rem;padding:1.5rem}
[lang=ar],[lang=fa]{font-family:Vazirmatn,Tahoma,'Segoe UI',Arial,sans-serif}
h1{font-size:1.8rem;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-block-end:1px solid #ccc;padding-block-end:.25rem}
.meta{color:#44403c}
table{border-collapse:collapse;min-inline-size:20rem}
th,td{text-align:start;padding:.2rem .6rem;border-block-end:1px solid #e4e2dc}
td.n{text-align:end;font-variant-numeric:tabular-nums}
.names{columns:3 12rem;column-gap:2rem;padding:0;margin:0;list-style:none}
.names li{break-inside:avoid}
.fingerprint code{word-break:break-all;font-size:.95rem}
a{color:#0b5d4b}
.print{margin-block:1rem}
@page{size:A4;margin:18mm 16mm 20mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:10pt;color:#555}}
@media print{body{max-width:none;padding:0}.print{display:none}a{color:inherit;text-decoration:none}h2{break-after:avoid}}
`;

/**
 * The delivery document as a stream of HTML: the head (title, addressees, dates, demands, totals by
 * country, fingerprint) at once, then the consenting signers' names a page at a time, so the first
 * byte does not wait for 100,000 names and memory stays flat. Every value from people is escaped and
 * isolated (<bdi>, dir="auto"); the page is in the reader's direction.
 */
export function renderDeliveryDocument(doc: DeliveryDocument, locale: string, appUrl: string): ReadableStream<Uint8Array> {
  const t = translatorFor(locale);
  const dir = directionOf(locale);
  const date = (d: Date) => dateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  const rich = (key: string, values: Record<string, string | number>, when: Date) =>
    // The message's <date></date> tag becomes a placeholder, replaced by the <time> element after escaping.
    escapeHtml(t(key, { ...values, date: () => '\u0000' } as unknown as Record<string, string>))
      .split('\u0000')
      .join(`<time datetime="${when.toISOString()}">${escapeHtml(date(when))}</time>`);
  // Country names once per document (making an Intl.DisplayNames per name cost most of the time at 100,000).
  const countries = new Map<string, string>();
  const country = (code: string) => {
    let name = countries.get(code);
    if (name === undefined) countries.set(code, (name = escapeHtml(countryName(locale, code))));
    return name;
  };
  // The same document in the petition's other languages (those the interface has).
  const languages = doc.languages
    .filter((l, i, all) => isLocale(l) && l !== locale && all.indexOf(l) === i)
    .map(
      (l) =>
        ` · <a href="${escapeHtml(localizedPath(l, `/p/${doc.slug}/deliveries/${doc.id}`))}" lang="${l}" hreflang="${l}">${escapeHtml(new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l)}</a>`,
    )
    .join('');
  const to = doc.to.map((n) => `<bdi>${escapeHtml(n)}</bdi>`).join(', ');
  const lang = escapeHtml(doc.language);
  const listUrl = `${appUrl}/api/petitions/${doc.slug}/deliveries/${doc.id}/list`;
  const head = `<!DOCTYPE html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(doc.title)} — ${escapeHtml(t('deliveries.document'))}</title><style>${STYLE}</style></head>
<body><main>
<p class="meta">${doc.test ? `<strong>${escapeHtml(t('deliveries.kindTest'))}</strong>` : t('deliveries.docTitle', { target: '\u0000' }).split('\u0000').map(escapeHtml).join(to)}</p>
<h1 lang="${lang}" dir="auto">${escapeHtml(doc.title)}</h1>
<p class="meta">${rich('deliveries.docDelivered', {}, doc.createdAt)}${doc.publishedAt ? ` · ${rich('deliveries.docOpened', {}, doc.publishedAt)}` : ''}</p>
<p><strong>${escapeHtml(t('deliveries.docSignatures', { count: doc.signatureCount, total: doc.countryCount }))}</strong></p>
<nav class="print"><a href="${escapeHtml(localizedPath(locale, `/p/${doc.slug}`))}">${escapeHtml(t('deliveries.back'))}</a>${languages}</nav>
<h2>${escapeHtml(t('petition.demandsTitle'))}</h2>
<ol lang="${lang}">${doc.demands.map((d) => `<li dir="auto">${escapeHtml(d)}</li>`).join('')}</ol>
<h2 id="by-country">${escapeHtml(t('deliveries.docByCountry'))}</h2>
<table aria-labelledby="by-country"><thead><tr><th scope="col">${escapeHtml(t('deliveries.docCountry'))}</th><th scope="col">${escapeHtml(t('deliveries.docCount'))}</th></tr></thead><tbody>
${doc.byCountry
  .map(
    (c) =>
      `<tr><td>${country(c.country)}</td><td class="n">${c.count === null ? escapeHtml(t('stats.fewerThan', { n: formatNumber(locale, c.fewerThan) })) : formatNumber(locale, c.count)}</td></tr>`,
  )
  .join('')}
</tbody></table>
<h2>${escapeHtml(t('deliveries.docFingerprint'))}</h2>
<div class="fingerprint"><p><code dir="ltr">${escapeHtml(doc.fingerprint ?? '')}</code></p>
<p>${escapeHtml(t('deliveries.docFingerprintHow'))} <a href="${escapeHtml(listUrl)}" dir="ltr">${escapeHtml(t('deliveries.docOpenList'))}</a></p></div>
${
  doc.atRisk
    ? `<p>${escapeHtml(t('deliveries.docAtRisk'))}</p>`
    : `<h2>${escapeHtml(t('deliveries.docSigners'))}</h2>
<p>${escapeHtml(t('deliveries.docSignersNote'))}</p>
<ul class="names">`
}`;
  // An at-risk petition keeps no names: the document ends with the fingerprint.
  if (doc.atRisk) return streamPages(head, async () => ({ html: '', lastId: null }), '</main></body></html>');
  return streamPages(
    head,
    async (after) => {
      const page = await namesPage(doc.id, after);
      return { html: page.names.map((s) => `<li><bdi>${escapeHtml(s.name)}</bdi> (${country(s.country)})</li>`).join(''), lastId: page.lastId };
    },
    '</ul></main></body></html>',
  );
}
