import 'server-only';
import { and, asc, Column, count, eq, gt, inArray, is, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions, signatures, type SignQuestion, type SignatureConsent } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { translatorFor } from '@/lib/i18n/translate';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { answerText, textIn } from '@/lib/questions/labels';
import { emailVisibleToOrganisers, organiserVisibleAnswers, organiserVisibleFields, partnerConsented } from '@/lib/signatures/consent';
import { openSigners, type OpenedSignerRow, type SealedSignerRow } from '@/lib/signatures/read-signer';
import { CSV_BOM, csvRow } from './csv';

export const EXPORT_COLUMNS = [
  'name',
  'email',
  'country',
  'city_or_postcode',
  'comment',
  'status',
  'created_at',
  'confirmed_at',
  'source',
  'opted_in_to_updates',
  /** When the signer agreed to updates (empty: not, or no longer); the text they read is in `consents`. */
  'consent_updates',
  /** When the signer agreed to be contacted by the petition's partner organisation (empty: not). */
  'consent_partner',
] as const;

/** Which signers an export lists: every one the scope names, or only those who agreed to the partner's contact. */
export type ExportPurpose = 'signatures' | 'partner';

/**
 * The select of the signer rows every organiser export reads (the CSVs; webhooks and the organiser
 * API read the same rows through readSignerRows): personal fields under the consent rule, sealed (with
 * the petition and the signature's key that open them), answers by question id and consents per purpose
 * (`{ updates?, partner? }`, each `{ text, language, givenAt, controller? }`) only where the name would be
 * shown. For the partner's list, emails of its consenters.
 */
function signerRowFields(purpose: ExportPurpose) {
  const s = signatures;
  const visible = organiserVisibleFields();
  const { answers, consents } = organiserVisibleAnswers();
  return {
    id: s.id,
    petitionId: visible.petitionId,
    signatureKey: visible.signatureKey,
    sealedName: visible.sealedName,
    sealedEmail: purpose === 'partner' ? sql<Buffer | null>`case when ${partnerConsented()} then ${s.sealedEmail} end` : visible.sealedEmail,
    country: s.country,
    sealedPostcode: visible.sealedPostcode,
    sealedComment: visible.sealedComment,
    status: s.status,
    createdAt: s.createdAt,
    confirmedAt: s.confirmedAt,
    source: s.source,
    optedIn: visible.optedIn,
    answers,
    consents,
  };
}

/** One signer as organiser exports read it (see signerRowFields), its personal fields decrypted. */
export type SignerRow = {
  id: number;
  /** Null where the consent rule withholds it (withdrawn, invalidated) or nothing is kept. */
  name: string | null;
  /** Only of confirmed signers who asked for updates and have not unsubscribed (for `partner`: who agreed to its contact). */
  email: string | null;
  country: string;
  postcode: string | null;
  comment: string | null;
  status: (typeof signatures.$inferSelect)['status'];
  createdAt: Date;
  confirmedAt: Date | null;
  source: string | null;
  optedIn: boolean;
  answers: Record<string, string | string[]> | null;
  consents: Partial<Record<'updates' | 'partner', SignatureConsent>> | null;
};

/**
 * THE reader of a petition's signer rows as organisers may see them, decrypted in the application
 * (lib/signatures/read-signer.ts): what the CSVs export, and what any other organiser-facing
 * integration (webhooks, the organiser API) must read signers through. `size` at a time from a
 * database cursor, in signing order (memory stays flat at any size): confirmed ones or all (with their
 * status); for `partner`, only confirmed signers who agreed to the partner's contact; `afterId` resumes
 * after a row, `ids` limits to those signatures. The caller has checked the organiser's permission
 * (and that the petition is not at risk).
 */
export async function* readSignerRows(
  petitionId: string,
  opts: { scope: 'confirmed' | 'all'; purpose?: ExportPurpose; size?: number; afterId?: number; ids?: number[] },
): AsyncGenerator<SignerRow[]> {
  const s = signatures;
  const purpose = opts.purpose ?? 'signatures';
  const fields = signerRowFields(purpose);
  const query = getDb()
    .select(fields)
    .from(s)
    .where(
      and(
        eq(s.petitionId, petitionId),
        opts.scope === 'confirmed' || purpose === 'partner' ? eq(s.status, 'confirmed') : undefined,
        purpose === 'partner' ? partnerConsented() : undefined,
        opts.afterId !== undefined ? gt(s.id, opts.afterId) : undefined,
        opts.ids ? inArray(s.id, opts.ids) : undefined,
      ),
    )
    .orderBy(s.id);
  for await (const rows of streamRows(query, fields, opts.size ?? 1000)) yield (await openSigners(rows)).map(toSignerRow);
}

type SealedRow = Omit<SignerRow, 'name' | 'email' | 'postcode' | 'comment' | 'optedIn'> & SealedSignerRow & { optedIn: unknown };

/** A selected row (signerRowFields) with its sealed fields opened, as SignerRow. */
function toSignerRow(r: OpenedSignerRow<SealedRow>): SignerRow {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    country: r.country,
    postcode: r.postcode,
    comment: r.comment,
    status: r.status,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    source: r.source,
    optedIn: Boolean(r.optedIn),
    answers: r.answers,
    consents: r.consents,
  };
}

type SignerFilter = {
  /** Only signers whose email organisers may see (confirmed, opted in, not unsubscribed). */
  consenting?: boolean;
  afterId?: number;
  ids?: number[];
};

function signerWhere(petitionId: string, f: SignerFilter): SQL | undefined {
  const s = signatures;
  return and(
    eq(s.petitionId, petitionId),
    f.consenting ? emailVisibleToOrganisers() : undefined,
    f.afterId !== undefined ? gt(s.id, f.afterId) : undefined,
    f.ids ? inArray(s.id, f.ids) : undefined,
  );
}

/**
 * Up to `limit` signer rows of a petition in id order (after `afterId`, or from `offset`; only some
 * `ids`; only consenting signers), with the fields and consent rule of the CSV (signerRowFields):
 * the organiser API and webhooks read signers here, decrypted in the application. The caller has
 * checked the organiser's access.
 */
export async function readSigners(petitionId: string, f: SignerFilter & { limit: number; offset?: number }): Promise<SignerRow[]> {
  const rows = await getDb()
    .select(signerRowFields('signatures'))
    .from(signatures)
    .where(signerWhere(petitionId, f))
    .orderBy(asc(signatures.id))
    .limit(f.limit)
    .offset(f.offset ?? 0);
  // Decrypted in the application, as the CSV's rows are (lib/signatures/read-signer.ts).
  return (await openSigners(rows)).map(toSignerRow);
}

/** How many signers `readSigners` would give with this filter, without a limit. */
export async function countSigners(petitionId: string, f: SignerFilter): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(signatures).where(signerWhere(petitionId, f));
  return row?.n ?? 0;
}

/**
 * A CSV of a petition's signatures (confirmed only, or all with their status), streamed from a
 * database cursor so a million rows never sit in memory. Personal columns follow the consent rule
 * (lib/signatures/consent.ts): emails only of confirmed signers who asked for updates, nothing
 * personal of withdrawn or invalidated signatures. Then when each consent was given, and one column
 * per question the petition asks (headed by its label in the petition's language; choices by their
 * labels, retired ones included). `partner`: the partner organisation's list, only the confirmed
 * signers who agreed to its contact, with their emails. Organisers only (null otherwise).
 */
export async function exportSignatures(
  actor: Organiser | null,
  slug: string,
  scope: 'confirmed' | 'all',
  purpose: ExportPurpose = 'signatures',
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  // An at-risk petition has no list to export: one row per signer would give each one's country and time.
  if (!petition || petition.atRisk) return null;
  const [settings] = await getDb().select({ questions: petitions.questions }).from(petitions).where(eq(petitions.id, petition.id));
  const questions: SignQuestion[] = settings?.questions ?? [];
  const t = translatorFor(petition.language);
  const yesNo = { yes: t('form.yes'), no: t('form.no') };
  const cursor = readSignerRows(petition.id, { scope, purpose });
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow([...EXPORT_COLUMNS, ...questions.map((q) => textIn(q.label, petition.language))])));
        return;
      }
      const next = await cursor.next();
      if (next.done) {
        controller.close();
        return;
      }
      let chunk = '';
      for (const r of next.value) {
        chunk += csvRow([
          r.name,
          r.email,
          r.country,
          r.postcode,
          r.comment,
          r.status,
          r.createdAt,
          r.confirmedAt,
          r.source,
          r.optedIn ? 'yes' : 'no',
          r.optedIn ? (r.consents?.updates?.givenAt ?? '') : '',
          r.consents?.partner?.givenAt ?? '',
          ...questions.map((q) => answerText(q, r.answers?.[q.id], petition.language, yesNo)),
        ]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await cursor.return(undefined);
    },
  });
  return { filename: `${petition.slug}-${purpose === 'partner' ? 'partner' : 'signatures'}-${scope}.csv`, stream };
}

/**
 * The rows of a query builder's select, `size` at a time from a database cursor (drizzle reads whole
 * results only), typed and decoded as the builder would: its columns in the order of `fields`.
 */
function streamRows<Q extends PromiseLike<unknown[]> & { toSQL(): { sql: string; params: unknown[] } }>(
  query: Q,
  fields: Record<string, unknown>,
  size: number,
) {
  type T = Awaited<Q>[number];
  const { sql: text, params } = query.toSQL();
  const decoders = Object.entries(fields).map(([key, field]) => {
    const decode = is(field, Column) ? (v: unknown) => (v === null ? null : field.mapFromDriverValue(v)) : (v: unknown) => v;
    return [key, decode] as const;
  });
  const rows = getDb()
    .$client.unsafe(text, params as never[])
    .values()
    .cursor(size);
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<T[]> {
      for await (const chunk of rows) {
        yield chunk.map((values) => {
          const row: Record<string, unknown> = {};
          decoders.forEach(([key, decode], i) => (row[key] = decode(values[i])));
          return row;
        });
      }
    },
  };
}
