import 'server-only';
import { and, asc, Column, count, eq, gt, inArray, is, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { emailVisibleToOrganisers, organiserVisibleFields } from '@/lib/signatures/consent';
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
] as const;

// The one reader of signers' personal data for organisers' tools: the CSV export, the organiser API
// (JSON and OSDI), webhooks and Action Network all read signer rows through signerRowsQuery, whose
// personal columns follow the consent rule (lib/signatures/consent.ts). Whatever changes how signer
// data is stored (encryption at rest) or what is asked of signers (answers, consent per purpose) is
// read here once.

/** The fields of a signer row: the CSV's columns, plus the signature's id. */
// JOIN: the one select of signer data for the CSV, the organiser API, webhooks and Action Network:
// answers and per-purpose consent are selected here (and mapped in lib/integrations/payload.ts),
// and decrypting the personal columns, when they are stored encrypted, happens here too.
function signerFields() {
  const s = signatures;
  const visible = organiserVisibleFields();
  return {
    id: s.id,
    name: visible.name,
    email: visible.email,
    country: s.country,
    postcode: visible.postcode,
    comment: visible.comment,
    status: s.status,
    createdAt: s.createdAt,
    confirmedAt: s.confirmedAt,
    source: s.source,
    optedIn: visible.optedIn,
  };
}

type SignerFilter = {
  status?: 'confirmed';
  /** Only signers whose email organisers may see (confirmed, opted in, not unsubscribed). */
  consenting?: boolean;
  afterId?: number;
  ids?: number[];
};

function signerWhere(petitionId: string, f: SignerFilter): SQL | undefined {
  const s = signatures;
  return and(
    eq(s.petitionId, petitionId),
    f.status ? eq(s.status, f.status) : undefined,
    f.consenting ? emailVisibleToOrganisers() : undefined,
    f.afterId !== undefined ? gt(s.id, f.afterId) : undefined,
    f.ids ? inArray(s.id, f.ids) : undefined,
  );
}

/** A petition's signer rows by id, under the consent rule, as a query builder's select. */
function signerRowsQuery(petitionId: string, f: SignerFilter) {
  return getDb().select(signerFields()).from(signatures).where(signerWhere(petitionId, f)).orderBy(asc(signatures.id));
}

/** A signer as organisers' tools read it: the CSV's fields, personal ones null where the consent rule withholds them. */
export type SignerRow = Awaited<ReturnType<typeof signerRowsQuery>>[number];

/**
 * Up to `limit` signer rows of a petition in id order (after `afterId`, or from `offset`), the same
 * fields and consent rule as the CSV export. The caller has checked the organiser's access.
 */
export async function readSigners(petitionId: string, f: SignerFilter & { limit: number; offset?: number }): Promise<SignerRow[]> {
  return signerRowsQuery(petitionId, f)
    .limit(f.limit)
    .offset(f.offset ?? 0);
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
 * personal of withdrawn or invalidated signatures. Organisers only (null otherwise).
 */
export async function exportSignatures(
  actor: Organiser | null,
  slug: string,
  scope: 'confirmed' | 'all',
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  // An at-risk petition has no list to export: one row per signer would give each one's country and time.
  if (!petition || petition.atRisk) return null;
  const query = signerRowsQuery(petition.id, { status: scope === 'confirmed' ? 'confirmed' : undefined });
  const cursor = streamRows(query, signerFields(), 1000)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow([...EXPORT_COLUMNS])));
        return;
      }
      const next = await cursor.next();
      if (next.done) {
        controller.close();
        return;
      }
      let chunk = '';
      for (const r of next.value) {
        chunk += csvRow([r.name, r.email, r.country, r.postcode, r.comment, r.status, r.createdAt, r.confirmedAt, r.source, r.optedIn ? 'yes' : 'no']);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await cursor.return?.(undefined);
    },
  });
  return { filename: `${petition.slug}-signatures-${scope}.csv`, stream };
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
