import 'server-only';
import { and, eq, like, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitions, signatures } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { organiserCanAct } from '@/lib/organisers/access';
import { hashableRange } from '@/lib/security/ip';
import { foldName } from '@/lib/text/fold-name';
import { idsWithNameMatching, namePatternMatcher } from './name-pattern';
import { bulkRuleInput, likePattern, type BulkRule } from './bulk-rules';
import { countRuleMatches, invalidateMatching, releaseHeldMatching, restoreMatching } from './statements';

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
  const p = petitions;
  const [row] = await getDb()
    .select({ id: p.id, slug: p.slug, title: p.title })
    .from(p)
    .where(actor.isAdmin ? eq(p.slug, slug) : and(eq(p.slug, slug), organiserCanAct(actor)));
  return row ?? null;
}

/**
 * The rule as a condition over `signatures`, naming the petition; or the criterion that cannot be
 * matched. A name pattern is matched in the application (names are sealed): the signatures matching
 * the rest of the rule are read a batch at a time, their names opened and folded, and the condition
 * names the ids that match.
 */
async function conditionFor(petitionId: string, rule: BulkRule): Promise<SQL | { invalid: string }> {
  const s = signatures;
  const parts: SQL[] = [eq(s.petitionId, petitionId)];
  if (rule.emailDomain) {
    const d = rule.emailDomain.toLowerCase();
    // The address's whole domain (email_host; email_domain holds the registrable domain the per-domain limit counts).
    parts.push(d.startsWith('*.') ? like(s.emailHost, likePattern('*' + d.slice(1))) : eq(s.emailHost, d));
  }
  if (rule.ipRange) {
    const range = hashableRange(rule.ipRange, getEnv().secret);
    if (!range) return { invalid: 'ipRange' };
    parts.push(eq(range.column === 'ip' ? s.ipHash : s.ipNetworkHash, range.hash));
  }
  if (rule.country) parts.push(eq(s.country, rule.country.toUpperCase()));
  if (rule.from) parts.push(sql`${s.createdAt} >= ${rule.from + ':00Z'}::timestamptz`);
  if (rule.to) parts.push(sql`${s.createdAt} < ${rule.to + ':00Z'}::timestamptz`);
  if (rule.namePattern) {
    // Folded like the stored names (Arabic/Persian letters, marks, digits, case): see lib/text/fold-name.ts.
    const pattern = foldName(rule.namePattern);
    // Only wildcards would match every name: that is not a description of fake signatures.
    if (pattern.replaceAll('*', '').trim() === '') return { invalid: 'namePattern' };
    const ids = await idsWithNameMatching(sql.join(parts, sql` and `), namePatternMatcher(pattern));
    parts.push(ids.length === 0 ? sql`false` : sql`${s.id} = any(${`{${ids.join(',')}}`}::bigint[])`);
  }
  return sql.join(parts, sql` and `);
}

async function prepare(actor: Organiser | null, slug: string, raw: unknown): Promise<{ petitionId: string; where: SQL; admin: boolean } | BulkOutcome> {
  const petitionId = (await findPetitionForModeration(actor, slug))?.id;
  if (!petitionId || !actor) return { status: 'not_found' };
  const parsed = bulkRuleInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'rule') };
  const where = await conditionFor(petitionId, parsed.data);
  if ('invalid' in where) return { status: 'invalid', field: where.invalid };
  return { petitionId, where, admin: actor.isAdmin };
}

/** How many live signatures (pending, confirmed or held) and restorable invalidated ones a rule matches; changes nothing. */
export async function previewBulkRule(actor: Organiser | null, slug: string, raw: unknown): Promise<BulkOutcome> {
  const p = await prepare(actor, slug, raw);
  if ('status' in p) return p;
  const { live, ...counts } = await countRuleMatches(p.petitionId, p.where, p.admin);
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
  const r = await invalidateMatching(p.petitionId, p.where, p.admin);
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
  const r = await restoreMatching(p.petitionId, p.where, p.admin);
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
  const changed = await releaseHeldMatching(p.petitionId, p.where);
  return { status: 'done', changed, countChange: changed };
}
