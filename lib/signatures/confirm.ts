import 'server-only';
import { sql } from 'drizzle-orm';
import { executePrepared, getDb } from '@/db/client';
import { pickCounterShard } from '@/lib/petitions/counts';
import { lookupHash } from './tokens';

type PetitionRef = { slug: string; title: string };

export type ConfirmResult =
  | {
      status: 'confirmed' | 'already_confirmed';
      petition: PetitionRef & { signatureCount: number };
      /** The signer's own code for sharing, and how many confirmed signatures came through it. */
      referral: { code: string; count: number };
    }
  | { status: 'invalid' };

export type ConfirmationLink =
  | { status: 'pending'; petition: PetitionRef }
  | { status: 'confirmed'; petition: PetitionRef; referral: { code: string; count: number } }
  | { status: 'invalid' };

// Closed petitions still accept confirmations of signatures made before they closed, for a day.
const acceptsConfirmation = sql`(p.status = 'open' or (p.status = 'closed' and p.closed_at > now() - interval '24 hours'))`;

/**
 * Confirms the signature a token was mailed for and counts it, and reads the new count, in one
 * statement.
 * Idempotent: a second confirmation changes nothing and reports "already confirmed".
 */
export async function confirmSignature(token: string): Promise<ConfirmResult> {
  const hash = lookupHash(token);
  if (!hash) return { status: 'invalid' };
  const rows = await executePrepared<{
    status: string;
    counted: number;
    slug: string;
    title: string;
    referral_code: string;
    signature_count: number;
    referrals: number;
  }>(sql`
    with t as (
      select signature_id from signature_tokens
      where token_hash = ${hash} and purpose = 'confirm' and expires_at > now()
    ),
    -- A suspect signature (a limit or a list matched when it was made) is confirmed as 'held':
    -- the signer sees the same thanks, and it is counted only if a reviewer releases it.
    s as (
      update signatures sg
      set status = case when sg.suspected_at is null then 'confirmed'::signature_status else 'held'::signature_status end,
          confirmed_at = now()
      from petitions p
      where sg.id = (select signature_id from t) and sg.status = 'pending'
        and p.id = sg.petition_id and ${acceptsConfirmation}
      returning sg.petition_id, sg.status
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select petition_id, ${pickCounterShard()}, 1 from s where s.status = 'confirmed'
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + 1
      returning 1
    ),
    r as (
      select sg.status, (select count(*) from s)::int as counted, p.id as petition_id, p.slug, p.title, sg.referral_code
      from t join signatures sg on sg.id = t.signature_id join petitions p on p.id = sg.petition_id
    )
    -- One round trip for the answer too. The statement reads the rows as they were before it: the
    -- count adds this confirmation itself, and the signer's referrals never include their own.
    select r.status, r.counted, r.slug, r.title, r.referral_code,
      ((select coalesce(sum(confirmed), 0) from petition_counters where petition_id = r.petition_id) + (select count(*) from c))::int as signature_count,
      (select count(*) from signatures where petition_id = r.petition_id and referred_by = r.referral_code and status = 'confirmed')::int as referrals
    from r`);
  const row = rows[0];
  if (!row) return { status: 'invalid' };
  // The row shows the status from before this statement's own update.
  const status = row.counted > 0 ? 'confirmed' : row.status === 'confirmed' || row.status === 'held' ? 'already_confirmed' : null;
  if (!status) return { status: 'invalid' };
  return {
    status,
    petition: { slug: row.slug, title: row.title, signatureCount: row.signature_count },
    referral: { code: row.referral_code, count: row.referrals },
  };
}

/**
 * What a confirmation link points at, without changing anything (mail scanners open links): for a
 * signature already confirmed, also the signer's referral code and how many signed through it.
 */
export async function describeConfirmationLink(token: string): Promise<ConfirmationLink> {
  const hash = lookupHash(token);
  if (!hash) return { status: 'invalid' };
  const rows = await getDb().execute<{ status: string; slug: string; title: string; accepts: boolean; referral_code: string; referrals: number | null }>(sql`
    select sg.status, p.slug, p.title, ${acceptsConfirmation} as accepts, sg.referral_code,
      case when sg.status in ('confirmed', 'held') then
        (select count(*) from signatures where petition_id = p.id and referred_by = sg.referral_code and status = 'confirmed')::int
      end as referrals
    from signature_tokens t
    join signatures sg on sg.id = t.signature_id
    join petitions p on p.id = sg.petition_id
    where t.token_hash = ${hash} and t.purpose = 'confirm' and t.expires_at > now()`);
  const row = rows[0];
  if (!row) return { status: 'invalid' };
  const petition = { slug: row.slug, title: row.title };
  if (row.status === 'confirmed' || row.status === 'held')
    return { status: 'confirmed', petition, referral: { code: row.referral_code, count: row.referrals ?? 0 } };
  if (row.status === 'pending' && row.accepts) return { status: 'pending', petition };
  return { status: 'invalid' };
}
