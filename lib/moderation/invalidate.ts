import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { hashableRange } from '@/lib/security/ip';
import { bulkRuleInput, likePattern, type BulkRule } from './bulk-rules';

export type BulkOutcome =
  | { status: 'matched'; matching: number; counted: number; held: number }
  | { status: 'done'; changed: number; countChange: number }
  | { status: 'invalid'; field: string }
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
  if (rule.namePattern) parts.push(sql`s.name ilike ${likePattern(rule.namePattern)}`);
  if (rule.country) parts.push(sql`s.country = ${rule.country.toUpperCase()}`);
  if (rule.from) parts.push(sql`s.created_at >= ${rule.from + ':00Z'}::timestamptz`);
  if (rule.to) parts.push(sql`s.created_at < ${rule.to + ':00Z'}::timestamptz`);
  return sql.join(parts, sql` and `);
}

async function prepare(actor: Organiser | null, slug: string, raw: unknown): Promise<{ petitionId: string; where: SQL } | BulkOutcome> {
  const petitionId = await moderatedPetition(actor, slug);
  if (!petitionId) return { status: 'not_found' };
  const parsed = bulkRuleInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'rule') };
  const where = conditionFor(petitionId, parsed.data);
  if ('invalid' in where) return { status: 'invalid', field: where.invalid };
  return { petitionId, where };
}

/** How many live signatures (pending, confirmed or held) a rule matches; changes nothing. */
export async function previewBulkRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ matching: number; counted: number; held: number }>(sql`
    select count(*)::int as matching, count(*) filter (where s.status = 'confirmed')::int as counted,
           count(*) filter (where s.status = 'held')::int as held
    from signatures s where ${p.where} and s.status in ('pending', 'confirmed', 'held')`);
  return { status: 'matched', ...rows[0]! };
}

/**
 * Invalidates every live signature the rule matches, in one statement, and takes the confirmed
 * ones off the count. Idempotent: a second run finds nothing left to change.
 */
export async function invalidateByRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ changed: number; uncounted: number }>(sql`
    with target as (
      select s.id, s.status from signatures s
      where ${p.where} and s.status in ('pending', 'confirmed', 'held')
      for update
    ),
    upd as (
      update signatures s set status = 'invalidated', invalidated_at = now()
      from target where s.id = target.id
      returning target.status as was
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${p.petitionId}, 0, -count(*) from upd where was = 'confirmed' having count(*) > 0
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
    )
    select count(*)::int as changed, count(*) filter (where was = 'confirmed')::int as uncounted from upd`);
  const r = rows[0]!;
  return { status: 'done', changed: r.changed, countChange: 0 - r.uncounted || 0 };
}

/** Counts the held (suspect but email-confirmed) signatures the rule matches, after review. */
export async function releaseHeldByRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const rows = await getDb().execute<{ changed: number }>(sql`
    with upd as (
      update signatures s set status = 'confirmed'
      where ${p.where} and s.status = 'held'
      returning 1
    ),
    c as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${p.petitionId}, 0, count(*) from upd having count(*) > 0
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
    )
    select count(*)::int as changed from upd`);
  const changed = rows[0]!.changed;
  return { status: 'done', changed, countChange: changed };
}
