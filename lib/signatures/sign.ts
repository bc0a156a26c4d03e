import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared } from '@/db/client';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';
import { callerKeys } from '@/lib/moderation/ip-lists';
import { canonicalizeEmail } from './canonical-email';
import { domainOf, registrableDomain } from './email-domain';
import { isSilencedReason, queueAnotherSignatureEmail, silencedReasonSql } from './resend';
import { fieldErrorsOf, signatureInput, type FieldErrors } from './schemas';

export type SignResult =
  { status: 'pending_confirmation'; email: string } | { status: 'invalid'; errors: FieldErrors } | { status: 'not_found' } | { status: 'closed' };

/**
 * Validates and records a signature with its confirmation email (in the outbox the worker relays
 * to the queue), atomically, in one statement. Idempotent per petition and canonical email; the
 * result never reveals whether the address signed before (a repeat gets another confirmation or an
 * "already signed" email, at most one per resend interval), nor whether a limit or block list held
 * it back. A signature withdrawn earlier is signed anew: pending again, with a new confirmation.
 * Held by the honeypot or a block list, or beyond its network's email budget: the same answer, no email.
 */
export async function signPetition(slug: string, raw: unknown, caller: { ip: string | null } = { ip: null }): Promise<SignResult> {
  const parsed = signatureInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: fieldErrorsOf(parsed.error) };
  if (!isSlug(slug)) return { status: 'not_found' };
  const s = parsed.data;
  const canonical = canonicalizeEmail(s.email);
  const domain = domainOf(canonical);
  const registrable = registrableDomain(domain);
  // The address is matched against the IP lists here: only hashes and answers reach the database.
  const keys = await callerKeys(caller.ip);

  const rows = await executePrepared<{ petition_id: string; status: string; recorded: boolean; reason: string | null }>(sql`
    with p as (
      -- The petition at this address, or the one renamed from it (a form left open before the rename).
      select id, case when status = 'open' and closes_at <= now() then 'closed'::petition_status else status end as status
      from ${petitionBySlug(slug)} found where hidden_at is null
    ),
    -- Limits and lists (signature_suspicion, in the database so they hold across instances and
    -- change without a deploy). A match is silent: the signer sees the usual answer, but the
    -- signature is held back from the count for review.
    v as (
      select coalesce(${s.website ? 'honeypot' : null}::text,
                      signature_suspicion(p.id, ${keys.ipHash}::bytea, ${keys.blocked}, ${keys.allowed}, ${domain}, ${registrable})) as reason
      from p where p.status = 'open'
    ),
    -- A signature withdrawn earlier is made anew (the same row: the address is its key), pending
    -- until its new confirmation; a live one is left as it is and gets the repeat email instead.
    ins as (
      insert into signatures (petition_id, name, email, canonical_email, email_domain, country, postcode, comment,
                              show_name, wants_updates, locale, source, referred_by, ip_hash, ip_network_hash,
                              suspected_at, suspect_reason)
      select p.id, ${s.name}, ${s.email}, ${canonical}, ${registrable}, ${s.country}, ${s.postcode ?? null}, ${s.comment ?? null},
             ${s.showName}, ${s.updates}, ${s.locale}, ${s.source ?? null}, ${s.ref ?? null},
             ${keys.ipHash}::bytea, ${keys.networkHash}::bytea,
             case when v.reason is not null then now() end, v.reason
      from p, v where p.status = 'open'
      on conflict (petition_id, canonical_email) do update
        set name = excluded.name, email = excluded.email, email_domain = excluded.email_domain, country = excluded.country,
            postcode = excluded.postcode, comment = excluded.comment, show_name = excluded.show_name,
            wants_updates = excluded.wants_updates, locale = excluded.locale, source = excluded.source,
            referred_by = excluded.referred_by, ip_hash = excluded.ip_hash, ip_network_hash = excluded.ip_network_hash,
            suspected_at = excluded.suspected_at, suspect_reason = excluded.suspect_reason,
            status = 'pending', created_at = now(), confirmed_at = null, withdrawn_at = null, unsubscribed_at = null,
            comment_hidden_at = null, emails_sent = 1, last_emailed_at = now()
        where signatures.status = 'withdrawn'
      returning id, suspect_reason
    ),
    -- The confirmation email goes through the outbox (the worker queues it in batches): it commits
    -- with the signature, at a fraction of the cost of queueing a job here. None for a signature held
    -- by the honeypot or a block list, nor beyond the network's email budget (email_budget_take,
    -- evaluated last: it records the email it allows).
    mail as (
      insert into signature_email_outbox (signature_id)
      select id from ins
      where case when ${silencedReasonSql(sql`ins.suspect_reason`)} then false
                 else email_budget_take(${keys.budgetHash}::bytea) end
      on conflict (signature_id) do nothing
    ),
    -- Links mailed for the signature before its withdrawal confirm nothing of the new one (whose
    -- name and comment may be someone else's): only the new email's link does. A new row has none.
    stale as (delete from signature_tokens t using ins where t.signature_id = ins.id and t.purpose = 'confirm')
    select p.id as petition_id, p.status, exists (select 1 from ins) as recorded, (select reason from v) as reason from p`);

  const row = rows[0];
  if (!row || row.status === 'draft') return { status: 'not_found' };
  if (row.status !== 'open') return { status: 'closed' };
  // A repeat (the address's signature is live): another email, unless this attempt itself would
  // have been silenced, within the signature's interval, cap and the network's budget.
  if (!row.recorded && !isSilencedReason(row.reason)) await queueAnotherSignatureEmail({ id: row.petition_id }, s.email, { ip: caller.ip });
  return { status: 'pending_confirmation', email: s.email };
}
