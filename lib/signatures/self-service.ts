import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { pickCounterShard } from '@/lib/petitions/counts';
import { lookupHash } from './tokens';

// A signer's own page, reached from a link in every email. The token is the credential: 256 random
// bits, stored as a keyed hash (so the lookup compares hashes, never the secret), valid a year.

const manageToken = (hash: Buffer) => sql`
  select signature_id from signature_tokens where token_hash = ${hash} and purpose = 'manage' and expires_at > now()`;

export type SignerView = {
  petition: { slug: string; title: string };
  status: 'pending' | 'confirmed' | 'held' | 'withdrawn' | 'invalidated';
  emailsStopped: boolean;
};

/** What the signer's page shows; changes nothing (mail scanners fetch links). Null for a bad or expired link. */
export async function describeSignatureForSigner(token: string): Promise<SignerView | null> {
  const hash = lookupHash(token);
  if (!hash) return null;
  const rows = await getDb().execute<{ slug: string; title: string; status: SignerView['status']; stopped: boolean }>(sql`
    select p.slug, p.title, s.status, s.unsubscribed_at is not null as stopped
    from signatures s join petitions p on p.id = s.petition_id
    where s.id = (${manageToken(hash)}) and s.anonymised_at is null`);
  const r = rows[0];
  return r ? { petition: { slug: r.slug, title: r.title }, status: r.status, emailsStopped: r.stopped } : null;
}

/**
 * Withdraws the signature: it stops counting at once (the count goes down if it was counted) and
 * no more email is sent about it. Idempotent: withdrawing twice changes nothing more.
 */
export async function withdrawSignature(token: string): Promise<'withdrawn' | 'invalid'> {
  const hash = lookupHash(token);
  if (!hash) return 'invalid';
  const rows = await getDb().execute<{ found: boolean }>(sql`
    with target as (
      select s.id, s.petition_id, s.status from signatures s
      where s.id = (${manageToken(hash)}) and s.anonymised_at is null
      for update
    ),
    upd as (
      update signatures s set status = 'withdrawn', withdrawn_at = now(), unsubscribed_at = coalesce(s.unsubscribed_at, now())
      from target where s.id = target.id and target.status in ('pending', 'confirmed', 'held')
      returning target.petition_id, target.status as was
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select petition_id, ${pickCounterShard()}, -1 from upd where was = 'confirmed'
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed - 1
    )
    select exists (select 1 from target) as found`);
  return rows[0]?.found ? 'withdrawn' : 'invalid';
}

/** Stops every email about this signature (updates included). Idempotent. */
export async function stopSignerEmails(token: string): Promise<boolean> {
  const hash = lookupHash(token);
  if (!hash) return false;
  const rows = await getDb().execute(sql`
    update signatures set unsubscribed_at = coalesce(unsubscribed_at, now())
    where id = (${manageToken(hash)}) returning 1`);
  return rows.length > 0;
}

/** Everything stored about this signature, for the signer to download (their right of access). */
export async function exportSignerData(token: string): Promise<Record<string, unknown> | null> {
  const hash = lookupHash(token);
  if (!hash) return null;
  const rows = await getDb().execute<Record<string, unknown>>(sql`
    select p.title as petition, p.slug as "petitionSlug", s.name, s.email, s.country, s.postcode, s.comment,
           s.show_name as "showNamePublicly", s.wants_updates as "wantsUpdates", s.locale as language, s.source,
           s.referral_code as "referralCode", s.status, s.emails_sent as "emailsSent",
           s.created_at as "signedAt", s.confirmed_at as "confirmedAt", s.withdrawn_at as "withdrawnAt",
           s.unsubscribed_at as "emailsStoppedAt", s.ip_hash is not null as "keyedIpHashStored",
           (select count(*)::int from update_deliveries d where d.signature_id = s.id and d.sent_at is not null) as "updatesReceived"
    from signatures s join petitions p on p.id = s.petition_id
    where s.id = (${manageToken(hash)}) and s.anonymised_at is null`);
  return rows[0] ?? null;
}
