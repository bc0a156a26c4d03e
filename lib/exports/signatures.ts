import 'server-only';
import { and, Column, eq, gt, inArray, is } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatures } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { organiserVisibleFields } from '@/lib/signatures/consent';
import { openSigners } from '@/lib/signatures/read-signer';
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

/** One signature as organisers may read it (lib/signatures/consent.ts), its personal fields opened: a CSV row. */
export type ConsentingSignerRow = {
  id: number;
  /** Null where the consent rule withholds it (withdrawn, invalidated) or nothing is kept. */
  name: string | null;
  /** Only of confirmed signers who asked for updates and have not unsubscribed. */
  email: string | null;
  country: string;
  postcode: string | null;
  comment: string | null;
  status: (typeof signatures.$inferSelect)['status'];
  createdAt: Date;
  confirmedAt: Date | null;
  source: string | null;
  optedIn: boolean;
};

/**
 * THE reader of a petition's signer rows as organisers may see them, decrypted in the application:
 * what the CSV exports, and what any other organiser-facing integration must read signers through.
 * Yields batches of `batch` rows in id order from a database cursor (memory stays flat at any size),
 * each field withheld as the consent rule says. `scope` 'confirmed' or 'all'; `afterId` resumes after
 * a row; `ids` limits to those signatures. The caller checks that its organiser may read the petition.
 */
export async function* readConsentingSigners(
  petitionId: string,
  opts: { scope: 'confirmed' | 'all'; afterId?: number; ids?: number[]; batch?: number },
): AsyncGenerator<ConsentingSignerRow[]> {
  const s = signatures;
  const visible = organiserVisibleFields();
  const fields = {
    id: s.id,
    petitionId: visible.petitionId,
    signatureKey: visible.signatureKey,
    sealedName: visible.sealedName,
    sealedEmail: visible.sealedEmail,
    country: s.country,
    sealedPostcode: visible.sealedPostcode,
    sealedComment: visible.sealedComment,
    status: s.status,
    createdAt: s.createdAt,
    confirmedAt: s.confirmedAt,
    source: s.source,
    optedIn: visible.optedIn,
  };
  const query = getDb()
    .select(fields)
    .from(s)
    .where(
      and(
        eq(s.petitionId, petitionId),
        opts.scope === 'confirmed' ? eq(s.status, 'confirmed') : undefined,
        opts.afterId !== undefined ? gt(s.id, opts.afterId) : undefined,
        opts.ids ? inArray(s.id, opts.ids) : undefined,
      ),
    )
    .orderBy(s.id);
  for await (const rows of streamRows(query, fields, opts.batch ?? 1000)) {
    const opened = await openSigners(rows);
    yield opened.map((r) => ({
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
    }));
  }
}

/**
 * A CSV of a petition's signatures (confirmed only, or all with their status), streamed from a
 * database cursor so a million rows never sit in memory, read through readConsentingSigners: personal
 * columns follow the consent rule (lib/signatures/consent.ts): emails only of confirmed signers who
 * asked for updates, nothing personal of withdrawn or invalidated signatures. Organisers only (null otherwise).
 */
export async function exportSignatures(
  actor: Organiser | null,
  slug: string,
  scope: 'confirmed' | 'all',
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  // An at-risk petition has no list to export: one row per signer would give each one's country and time.
  if (!petition || petition.atRisk) return null;
  const cursor = readConsentingSigners(petition.id, { scope });
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
      await cursor.return(undefined);
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
