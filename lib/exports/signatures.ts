import 'server-only';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { CSV_BOM, csvRow } from './csv';

export const EXPORT_COLUMNS = ['name', 'email', 'country', 'city_or_postcode', 'comment', 'status', 'created_at', 'confirmed_at', 'source', 'opted_in_to_updates'] as const;

/**
 * A CSV of a petition's signatures (confirmed only, or all with their status), streamed from a
 * database cursor so a million rows never sit in memory. The email is filled only for signers who
 * asked for updates: the others gave it to confirm, not to be contacted. Organisers only (null otherwise).
 */
export async function exportSignatures(actor: Organiser | null, slug: string, scope: 'confirmed' | 'all'): Promise<{ filename: string; stream: ReadableStream<Uint8Array> } | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const client = getDb().$client;
  const statusFilter = scope === 'confirmed' ? client`and status = 'confirmed'` : client``;
  const cursor = client`
    select name, case when wants_updates and unsubscribed_at is null then email end as email, country, postcode, comment, status,
           created_at, confirmed_at, source, wants_updates and unsubscribed_at is null as opted_in
    from signatures where petition_id = ${petition.id} ${statusFilter}
    order by id`.cursor(1000)[Symbol.asyncIterator]();
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
        chunk += csvRow([r.name, r.email, r.country, r.postcode, r.comment, r.status, toDate(r.created_at), toDate(r.confirmed_at), r.source, r.opted_in ? 'yes' : 'no']);
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
