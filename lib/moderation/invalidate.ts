import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { pickCounterShard } from '@/lib/petitions/counts';
import { hashableRange } from '@/lib/security/ip';
import { foldName } from '@/lib/text/fold-name';
import { bulkRuleInput, likePattern, type BulkRule } from './bulk-rules';

export type BulkOutcome =
  | {
      status: 'matched';
      /** Live signatures (pending, confirmed or held) the rule matches, and of them the counted and the held. */
      matching: number;
      counted: number;
      held: number;
      /** Invalidated signatures the rule matches that this person may restore. */
      restorable: number;
      /** The rule matches every live signature of the petition: invalidating by it is refused. */
      matchesAll: boolean;
    }
  | { status: 'done'; changed: number; countChange: number }
  | { status: 'matches_all'; matching: number }
  | { status: 'invalid'; field: string }
  | { status: 'admin_only' }
  | { status: 'not_found' };

/** The petition, if this person may moderate its signatures: one of its organisers, or a platform admin. */
export async function findPetitionForModeration(actor: Organiser | null, slug: string): Promise<{ id: string; slug: string; title: string } | null> {
  if (!actor) return null;
  const rows = await getDb().execute<{ id: string; slug: string; title: string }>(sql`
    select p.id, p.slug, p.title from petitions p
    where p.slug = ${slug}
      and (${actor.isAdmin} or exists (select 1 from petition_organisers o where o.petition_id = p.id and o.account_id = ${actor.id}))`);
  return rows[0] ?? null;
}

async function moderatedPetition(actor: Organiser | null, slug: string): Promise<string | null> {
  return (await findPetitionForModeration(actor, slug))?.id ?? null;
}

const LIVE = sql.raw(`('pending', 'confirmed', 'held')`);

function conditionFor(petitionId: string, rule: BulkRule): SQL | { invalid: string } {
  const parts: SQL[] = [sql`s.petition_id = ${petitionId}`];
  if (rule.emailDomain) {
    const d = rule.emailDomain.toLowerCase();
    // The address's whole domain: email_domain holds the registrable domain the per-domain limit counts.
    const full = sql`split_part(s.canonical_email, '@', 2)`;
    parts.push(d.startsWith('*.') ? sql`${full} like ${likePattern('*' + d.slice(1))}` : sql`${full} = ${d}`);
  }
  if (rule.ipRange) {
    const range = hashableRange(rule.ipRange, getEnv().secret);
    if (!range) return { invalid: 'ipRange' };
    parts.push(range.column === 'ip' ? sql`s.ip_hash = ${range.hash}` : sql`s.ip_network_hash = ${range.hash}`);
  }
  if (rule.namePattern) {
    // Folded like the stored names (Arabic/Persian letters, marks, digits, case): see lib/text/fold-name.ts.
    const pattern = foldName(rule.namePattern);
    // Only wildcards would match every name: that is not a description of fake signatures.
    if (pattern.replaceAll('*', '').trim() === '') return { invalid: 'namePattern' };
    parts.push(sql`fold_name(s.name) like ${likePattern(pattern)}`);
  }
  if (rule.country) parts.push(sql`s.country = ${rule.country.toUpperCase()}`);
  if (rule.from) parts.push(sql`s.created_at >= ${rule.from + ':00Z'}::timestamptz`);
  if (rule.to) parts.push(sql`s.created_at < ${rule.to + ':00Z'}::timestamptz`);
  return sql.join(parts, sql` and `);
}

async function prepare(actor: Organiser | null, slug: string, raw: unknown): Promise<{ petitionId: string; where: SQL; admin: boolean } | BulkOutcome> {
  const petitionId = await moderatedPetition(actor, slug);
  if (!petitionId || !actor) return { status: 'not_found' };
  const parsed = bulkRuleInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'rule') };
  const where = conditionFor(petitionId, parsed.data);
  if ('invalid' in where) return { status: 'invalid', field: where.invalid };
  return { petitionId, where, admin: actor.isAdmin };
}

/** Live signatures of the petition: what a rule matching "everything" would match. */
const liveCount = (petitionId: string) => sql`(select count(*) from signatures where petition_id = ${petitionId} and status in ${LIVE})`;

/** Invalidated signatures this person may restore: organisers may not undo what a platform admin invalidated. */
const restorableBy = (admin: boolean) => (admin ? sql`s.status = 'invalidated'` : sql`s.status = 'invalidated' and not s.invalidated_by_admin`);

/** How many live signatures (pending, confirmed or held) and restorable invalidated ones a rule matches; changes nothing. */
export async function previewBulkRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ matching: number; counted: number; held: number; restorable: number; live: number }>(sql`
    select count(*) filter (where s.status in ${LIVE})::int as matching, count(*) filter (where s.status = 'confirmed')::int as counted,
           count(*) filter (where s.status = 'held')::int as held, count(*) filter (where ${restorableBy(p.admin)})::int as restorable,
           ${liveCount(p.petitionId)}::int as live
    from signatures s where ${p.where} and s.status in ('pending', 'confirmed', 'held', 'invalidated')`);
  const { live, ...counts } = rows[0]!;
  return { status: 'matched', ...counts, matchesAll: counts.matching > 0 && counts.matching >= live };
}

/**
 * Invalidates every live signature the rule matches, in one statement, and takes the confirmed
 * ones off the count; each remembers what it was, so it can be restored. Refused (nothing changes)
 * when the rule matches every live signature of the petition. Idempotent: a second run finds nothing
 * left to change.
 */
export async function invalidateByRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ allowed: boolean; matching: number; changed: number; uncounted: number }>(sql`
    with target as (
      select s.id, s.status from signatures s
      where ${p.where} and s.status in ${LIVE}
      for update
    ),
    -- Decided in the same statement as the update, so the check and the change see the same rows.
    allowed as (select (select count(*) from target) = 0 or (select count(*) from target) < ${liveCount(p.petitionId)} as ok),
    upd as (
      update signatures s set status = 'invalidated', invalidated_at = now(), invalidated_from = target.status,
             invalidated_by_admin = ${p.admin}
      from target where s.id = target.id and (select ok from allowed)
      returning target.status as was
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${p.petitionId}, ${pickCounterShard()}, -count(*) from upd where was = 'confirmed' having count(*) > 0
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
    )
    select (select ok from allowed) as allowed, (select count(*) from target)::int as matching,
           count(*)::int as changed, count(*) filter (where was = 'confirmed')::int as uncounted from upd`);
  const r = rows[0]!;
  if (!r.allowed) return { status: 'matches_all', matching: r.matching };
  return { status: 'done', changed: r.changed, countChange: 0 - r.uncounted || 0 };
}

/**
 * Restores the invalidated signatures the rule matches to what they were before: a confirmed one is
 * counted again (once: it is no longer invalidated afterwards), a pending one can still be confirmed,
 * a held one is held again. Organisers restore what organisers invalidated; admins restore anything.
 * Idempotent: a second run finds nothing left to change.
 */
export async function restoreByRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ changed: number; counted: number }>(sql`
    with target as (
      select s.id, s.invalidated_from from signatures s
      where ${p.where} and ${restorableBy(p.admin)}
      for update
    ),
    upd as (
      update signatures s set status = coalesce(target.invalidated_from, 'pending'), invalidated_from = null,
             invalidated_at = null, invalidated_by_admin = false, restored_at = now()
      from target where s.id = target.id
      returning s.status as restored
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${p.petitionId}, ${pickCounterShard()}, count(*) from upd where restored = 'confirmed' having count(*) > 0
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
    )
    select count(*)::int as changed, count(*) filter (where restored = 'confirmed')::int as counted from upd`);
  const r = rows[0]!;
  return { status: 'done', changed: r.changed, countChange: r.counted };
}

/**
 * Counts the held (suspect but email-confirmed) signatures the rule matches, after review. Platform
 * admins only: the platform's own controls (honeypot, block lists, rate limits, breaker) held them,
 * and the organisers of a petition are the last people who should overrule those for their own count.
 */
export async function releaseHeldByRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  if (!p.admin) return { status: 'admin_only' };
  const rows = await getDb().execute<{ changed: number }>(sql`
    with upd as (
      update signatures s set status = 'confirmed'
      where ${p.where} and s.status = 'held'
      returning 1
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${p.petitionId}, ${pickCounterShard()}, count(*) from upd having count(*) > 0
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
    )
    select count(*)::int as changed from upd`);
  const changed = rows[0]!.changed;
  return { status: 'done', changed, countChange: changed };
}
