import 'server-only';
import { sql } from 'drizzle-orm';
import { compileQuery, getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { organiserVisibleColumns } from '@/lib/signatures/consent';
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
  if (!petition) return null;
  const { text, params } = compileQuery(sql`
    select ${organiserVisibleColumns}, country, status, created_at, confirmed_at, source
    from signatures where petition_id = ${petition.id} ${scope === 'confirmed' ? sql`and status = 'confirmed'` : sql``}
    order by id`);
  const cursor = getDb().$client.unsafe(text, params).cursor(1000)[Symbol.asyncIterator]();
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
        chunk += csvRow([
          r.name,
          r.email,
          r.country,
          r.postcode,
          r.comment,
          r.status,
          toDate(r.created_at),
          toDate(r.confirmed_at),
          r.source,
          r.opted_in ? 'yes' : 'no',
        ]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await cursor.return?.();
    },
  });
  return { filename: `${petition.slug}-signatures-${scope}.csv`, stream };
}

function toDate(v: unknown): Date | null {
  return v === null || v === undefined ? null : new Date(v as string);
}
