import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared } from '@/db/client';
import { getEnv } from '@/lib/env';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';
import { ipHashes } from '@/lib/security/ip';
import { canonicalizeEmail } from './canonical-email';
import { queueAnotherSignatureEmail } from './resend';
import { fieldErrorsOf, signatureInput, type FieldErrors } from './schemas';

export type SignResult =
  | { status: 'pending_confirmation'; email: string }
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'not_found' }
  | { status: 'closed' };

/**
 * Validates and records a signature with its confirmation email (in the outbox the worker relays
 * to the queue), atomically, in one statement. Idempotent per petition and canonical email; the
 * result never reveals whether the address signed before (a repeat gets another confirmation or an
 * "already signed" email), nor whether a limit or block list held it back.
 */
export async function signPetition(slug: string, raw: unknown, caller: { ip: string | null } = { ip: null }): Promise<SignResult> {
  const parsed = signatureInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: fieldErrorsOf(parsed.error) };
  if (!isSlug(slug)) return { status: 'not_found' };
  const s = parsed.data;
  const canonical = canonicalizeEmail(s.email);
  const domain = canonical.slice(canonical.lastIndexOf('@') + 1);
  const hashes = caller.ip ? ipHashes(caller.ip, getEnv().secret) : null;

  const rows = await executePrepared<{ petition_id: string; status: string; inserted: boolean }>(sql`
    with p as (
      -- The petition at this address, or the one renamed from it (a form left open before the rename).
      select id, case when status = 'open' and closes_at <= now() then 'closed'::petition_status else status end as status
      from ${petitionBySlug(slug)} found where hidden_at is null
    ),
    -- Limits and lists (signature_suspicion, in the database so they hold across instances and
    -- change without a deploy). A match is silent: the signer sees the usual answer and gets the
    -- usual email, but the signature is held back from the count for review.
    v as (
      select coalesce(${s.website ? 'honeypot' : null}::text, signature_suspicion(p.id, ${caller.ip}::inet, ${hashes?.ipHash ?? null}::bytea, ${domain})) as reason
      from p where p.status = 'open'
    ),
    ins as (
      insert into signatures (petition_id, name, email, canonical_email, email_domain, country, postcode, comment,
                              show_name, wants_updates, locale, source, referred_by, ip_hash, ip_network_hash,
                              suspected_at, suspect_reason)
      select p.id, ${s.name}, ${s.email}, ${canonical}, ${domain}, ${s.country}, ${s.postcode ?? null}, ${s.comment ?? null},
             ${s.showName}, ${s.updates}, ${s.locale}, ${s.source ?? null}, ${s.ref ?? null},
             ${hashes?.ipHash ?? null}::bytea, ${hashes?.networkHash ?? null}::bytea,
             case when v.reason is not null then now() end, v.reason
      from p, v where p.status = 'open'
      on conflict (petition_id, canonical_email) do nothing
      returning id
    ),
    -- The confirmation email goes through the outbox (the worker queues it in batches): it commits
    -- with the signature, at a fraction of the cost of queueing a job here.
    mail as (insert into signature_email_outbox (signature_id) select id from ins returning 1)
    select p.id as petition_id, p.status, (select count(*) from mail) > 0 as inserted from p`);

  const row = rows[0];
  if (!row || row.status === 'draft') return { status: 'not_found' };
  if (row.status !== 'open') return { status: 'closed' };
  if (!row.inserted) await queueAnotherSignatureEmail({ id: row.petition_id }, s.email);
  return { status: 'pending_confirmation', email: s.email };
}
