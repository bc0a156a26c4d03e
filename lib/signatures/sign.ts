import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signatureEmailJob } from '@/lib/jobs/jobs';
import { isSlug } from '@/lib/petitions/slug';
import { canonicalizeEmail } from './canonical-email';
import { queueAnotherSignatureEmail } from './resend';
import { fieldErrorsOf, signatureInput, type FieldErrors } from './schemas';

export type SignResult =
  | { status: 'pending_confirmation'; email: string }
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'not_found' }
  | { status: 'closed' };

/**
 * Validates and records a signature and queues its confirmation email, atomically, in one
 * statement. Idempotent per petition and canonical email; the result never reveals whether the
 * address signed before (a repeat gets another confirmation or an "already signed" email).
 */
export async function signPetition(slug: string, raw: unknown): Promise<SignResult> {
  const parsed = signatureInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: fieldErrorsOf(parsed.error) };
  if (!isSlug(slug)) return { status: 'not_found' };
  const s = parsed.data;
  const canonical = canonicalizeEmail(s.email);

  const rows = await getDb().execute<{ petition_id: string; status: string; inserted: boolean }>(sql`
    with p as (
      select id, case when status = 'open' and closes_at <= now() then 'closed'::petition_status else status end as status
      from petitions where slug = ${slug} and hidden_at is null
    ),
    ins as (
      insert into signatures (petition_id, name, email, canonical_email, country, postcode, comment,
                              show_name, wants_updates, locale, source, referred_by)
      select p.id, ${s.name}, ${s.email}, ${canonical}, ${s.country}, ${s.postcode ?? null}, ${s.comment ?? null},
             ${s.showName}, ${s.updates}, ${s.locale}, ${s.source ?? null}, ${s.ref ?? null}
      from p where p.status = 'open'
      on conflict (petition_id, canonical_email) do nothing
      returning id
    ),
    job as (select ${signatureEmailJob(sql`ins.id`)} from ins)
    select p.id as petition_id, p.status, (select count(*) from job) > 0 as inserted from p`);

  const row = rows[0];
  if (!row || row.status === 'draft') return { status: 'not_found' };
  if (row.status !== 'open') return { status: 'closed' };
  if (!row.inserted) await queueAnotherSignatureEmail({ id: row.petition_id }, s.email);
  return { status: 'pending_confirmation', email: s.email };
}
