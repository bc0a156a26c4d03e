import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { canonicalizeEmail } from '@/lib/signatures/canonical-email';
import { emailVisibleToOrganisers, organiserVisibleColumns, personalDataVisibleToOrganisers } from '@/lib/signatures/consent';
import { foldName } from '@/lib/text/fold-name';
import { likeLiteral } from '@/lib/text/like';
import { normaliseQuery } from '@/lib/text/query';

export type Figures = {
  confirmed: number;
  pending: number;
  withdrawn: number;
  invalidated: number;
  lastHour: number;
  last24Hours: number;
  /** Confirmed share of signatures that are confirmed or pending, 0–1. */
  confirmationRate: number;
  /** Confirmed signers who asked for updates and have not unsubscribed. */
  optedIn: number;
};

export type Point = { at: Date; count: number };
export type Share = { key: string | null; count: number };
export type Milestone = { milestone: number; reachedAt: Date };

export type Dashboard = {
  figures: Figures;
  hourly: Point[];
  daily: Point[];
  countries: Share[];
  sources: Share[];
  milestones: Milestone[];
};

/**
 * Confirmed signatures per hour in [from, to), on whole UTC hours (the zone is named, not taken
 * from the session: in Asia/Tehran a session's hours start at :30): shared by the dashboard and
 * the open data API.
 */
export function hourlySeries(id: string, from: SQL, to: SQL): SQL {
  return sql`
    select date_trunc('hour', confirmed_at, 'UTC') as at, count(*)::int as n from signatures
    where petition_id = ${id} and status = 'confirmed' and confirmed_at >= ${from} and confirmed_at < ${to}
    group by 1 order by 1`;
}

/** Confirmed signatures per country, largest first: shared by the dashboard and the open data API. */
export function countryCounts(id: string): SQL {
  return sql`
    select country as key, count(*)::int as n from signatures where petition_id = ${id} and status = 'confirmed'
    group by 1 order by 2 desc, 1`;
}

/** The dashboard's queries by name, so bench/dashboard.ts times exactly what the page runs. */
export function dashboardQueries(id: string) {
  return {
    // Three index-only counts rather than one pass over every row.
    confirmed: sql`select count(*)::int as n from signatures where petition_id = ${id} and status = 'confirmed'`,
    otherStatuses: sql`select status, count(*)::int as n from signatures where petition_id = ${id} and status <> 'confirmed' group by status`,
    optedIn: sql`select count(*)::int as n from signatures where petition_id = ${id} and ${emailVisibleToOrganisers()}`,
    recent: sql`
      select count(*) filter (where created_at > now() - interval '1 hour')::int as hour, count(*)::int as day
      from signatures where petition_id = ${id} and created_at > now() - interval '24 hours'`,
    hourly: hourlySeries(id, sql`now() - interval '72 hours'`, sql`now()`),
    // Days from UTC midnight to UTC midnight, whatever the session's zone.
    daily: sql`
      select date_trunc('day', confirmed_at, 'UTC') as at, count(*)::int as n from signatures
      where petition_id = ${id} and status = 'confirmed' group by 1 order by 1`,
    countries: countryCounts(id),
    sources: sql`
      select source as key, count(*)::int as n from signatures where petition_id = ${id} and status = 'confirmed'
      group by 1 order by 2 desc, 1 nulls last`,
    milestones: sql`select milestone, reached_at from petition_milestones where petition_id = ${id} order by milestone`,
  };
}

/**
 * Everything the signature dashboard shows, for the petition's organisers only (null otherwise).
 * Each query is index-backed: under 300 ms at a million signatures (bench/dashboard.ts).
 */
export async function getDashboard(actor: Organiser | null, slug: string): Promise<Dashboard | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const q = dashboardQueries(petition.id);
  const db = getDb();
  const [confirmedRows, statuses, optedRows, recent, hourly, daily, countries, sources, milestones] = await Promise.all([
    db.execute<{ n: number }>(q.confirmed),
    db.execute<{ status: string; n: number }>(q.otherStatuses),
    db.execute<{ n: number }>(q.optedIn),
    db.execute<{ hour: number; day: number }>(q.recent),
    db.execute<{ at: string; n: number }>(q.hourly),
    db.execute<{ at: string; n: number }>(q.daily),
    db.execute<{ key: string; n: number }>(q.countries),
    db.execute<{ key: string | null; n: number }>(q.sources),
    db.execute<{ milestone: number; reached_at: string }>(q.milestones),
  ]);
  const by = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
  const confirmed = confirmedRows[0]?.n ?? 0;
  const pending = by.pending ?? 0;
  return {
    figures: {
      confirmed,
      pending,
      withdrawn: by.withdrawn ?? 0,
      invalidated: by.invalidated ?? 0,
      lastHour: recent[0]?.hour ?? 0,
      last24Hours: recent[0]?.day ?? 0,
      confirmationRate: confirmed + pending === 0 ? 0 : confirmed / (confirmed + pending),
      optedIn: optedRows[0]?.n ?? 0,
    },
    hourly: hourly.map((r) => ({ at: new Date(r.at), count: r.n })),
    daily: daily.map((r) => ({ at: new Date(r.at), count: r.n })),
    countries: countries.map((r) => ({ key: r.key, count: r.n })),
    sources: sources.map((r) => ({ key: r.key, count: r.n })),
    milestones: milestones.map((m) => ({ milestone: m.milestone, reachedAt: new Date(m.reached_at) })),
  };
}

export type OrganiserSignature = {
  id: number;
  /** Null for a withdrawn or invalidated signature: organisers see nothing personal of those. */
  name: string | null;
  /** Only for confirmed signers who asked for updates (lib/signatures/consent.ts). */
  email: string | null;
  country: string;
  status: string;
  comment: string | null;
  commentHidden: boolean;
  createdAt: Date;
};

/**
 * The most recent signatures, optionally searched by email (exact, any spelling Gmail would deliver)
 * or by the start of the name (folded: Arabic and Persian spellings, marks and case do not matter).
 * What each row shows follows the consent rule, and so does what a search can find: an address is
 * found only if its email would be shown, so searching cannot tell whether anyone else signed.
 */
export async function listSignaturesForOrganiser(
  actor: Organiser | null,
  slug: string,
  opts: { q?: string; limit?: number } = {},
): Promise<OrganiserSignature[] | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const rows = await getDb().execute<Omit<OrganiserSignature, 'createdAt'> & { createdAt: string }>(organiserSignaturesQuery(petition.id, opts));
  return rows.map(({ id, name, email, country, status, comment, commentHidden, createdAt }) => ({
    id: Number(id),
    name,
    email,
    country,
    status,
    comment,
    commentHidden,
    createdAt: new Date(createdAt),
  }));
}

/** The statement listSignaturesForOrganiser runs, so tests can hold its plan (a name search reads signatures_name_prefix_idx). */
export function organiserSignaturesQuery(petitionId: string, opts: { q?: string; limit?: number } = {}): SQL {
  const q = normaliseQuery(opts.q);
  const filter = !q
    ? sql`true`
    : q.includes('@')
      ? sql`canonical_email = ${canonicalizeEmail(q)} and ${emailVisibleToOrganisers()}`
      : sql`fold_name(name) like ${`${likeLiteral(foldName(q))}%`} and ${personalDataVisibleToOrganisers()}`;
  return sql`
    select id, ${organiserVisibleColumns}, country, status, comment_hidden_at is not null as "commentHidden", created_at as "createdAt"
    from signatures where petition_id = ${petitionId} and ${filter}
    order by created_at desc nulls last limit ${Math.min(opts.limit ?? 25, 100)}`;
}

/** Hides or shows again a signer's comment on the public page; organisers of that petition only. */
export async function setCommentHidden(actor: Organiser | null, slug: string, signatureId: number, hidden: boolean): Promise<boolean> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !Number.isSafeInteger(signatureId)) return false;
  const rows = await getDb().execute(sql`
    update signatures set comment_hidden_at = ${hidden ? sql`now()` : sql`null`}
    where id = ${signatureId} and petition_id = ${petition.id} and comment is not null returning 1`);
  return rows.length > 0;
}
