import 'server-only';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionMilestones, signatures } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { maskSmallFigures, type ShownFigure } from '@/lib/petitions/small-figures';
import { dashboardStatements, findOrganiserSignatures, readDashboardAggregates, type OrganiserSignatureRow } from './statements';

// The statements themselves live in ./statements; the open data API, the benchmark and tests import them from here too.
export { countryCounts, hourlySeries, organiserSignaturesQuery } from './statements';

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
/** A country's row: its count, or on an at-risk petition only "fewer than" the threshold (lib/petitions/small-figures.ts). */
export type CountryShare = { key: string | null } & ShownFigure;
export type Milestone = { milestone: number; reachedAt: Date };

export type Dashboard = {
  figures: Figures;
  hourly: Point[];
  daily: Point[];
  countries: CountryShare[];
  sources: Share[];
  milestones: Milestone[];
};

/** The milestones the petition has reached, lowest first (a primary-key range). */
function milestonesOf(petitionId: string) {
  const m = petitionMilestones;
  return getDb().select({ milestone: m.milestone, reachedAt: m.reachedAt }).from(m).where(eq(m.petitionId, petitionId)).orderBy(asc(m.milestone));
}

/** Every query the dashboard page runs, by name, so bench/dashboard.ts times exactly what the page runs. */
export function dashboardQueries(petitionId: string) {
  return { ...dashboardStatements(petitionId), milestones: milestonesOf(petitionId).getSQL() };
}

/**
 * Everything the signature dashboard shows, for the petition's organisers only (null otherwise).
 * Each query is index-backed: under 300 ms at a million signatures (bench/dashboard.ts).
 */
export async function getDashboard(actor: Organiser | null, slug: string): Promise<Dashboard | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const [rows, milestones] = await Promise.all([readDashboardAggregates(petition.id), milestonesOf(petition.id)]);
  const by = Object.fromEntries(rows.otherStatuses.map((s) => [s.status, s.n]));
  const confirmed = rows.confirmed[0]?.n ?? 0;
  const pending = by.pending ?? 0;
  const point = (r: { at: string; n: number }): Point => ({ at: new Date(r.at), count: r.n });
  const share = (r: { key: string | null; n: number }): Share => ({ key: r.key, count: r.n });
  return {
    figures: {
      confirmed,
      pending,
      withdrawn: by.withdrawn ?? 0,
      invalidated: by.invalidated ?? 0,
      lastHour: rows.recent[0]?.hour ?? 0,
      last24Hours: rows.recent[0]?.day ?? 0,
      confirmationRate: confirmed + pending === 0 ? 0 : confirmed / (confirmed + pending),
      optedIn: rows.optedIn[0]?.n ?? 0,
    },
    hourly: rows.hourly.map(point),
    daily: rows.daily.map(point),
    countries: maskSmallFigures(rows.countries.map(share), petition.atRisk),
    sources: rows.sources.map(share),
    milestones,
  };
}

export type OrganiserSignature = {
  id: number;
  /** Null for a withdrawn or invalidated signature: organisers see nothing personal of those. */
  name: string | null;
  /** Only for confirmed signers who asked for updates (lib/signatures/consent.ts). */
  email: string | null;
  country: string;
  status: OrganiserSignatureRow['status'];
  comment: string | null;
  commentHidden: boolean;
  createdAt: Date;
  answers: OrganiserSignatureRow['answers'];
  consents: OrganiserSignatureRow['consents'];
};

/**
 * The most recent signatures, optionally searched by email (exact, any spelling Gmail would deliver)
 * or by whole words of the name (folded: Arabic and Persian spellings, marks and case do not matter;
 * a word's start alone finds nothing: only keyed hashes of whole words are stored).
 * What each row shows follows the consent rule, and so does what a search can find: an address is
 * found only if its email would be shown, so searching cannot tell whether anyone else signed.
 * An at-risk petition lists no one: a pending signer's name, or one signer's country and time, is
 * what the mode keeps from everyone, organisers included.
 */
export async function listSignaturesForOrganiser(
  actor: Organiser | null,
  slug: string,
  opts: { q?: string; limit?: number } = {},
): Promise<OrganiserSignature[] | null> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  if (petition.atRisk) return [];
  const rows = await findOrganiserSignatures(petition.id, opts);
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    email: r.email,
    country: r.country,
    status: r.status,
    comment: r.comment,
    commentHidden: r.commentHidden,
    createdAt: new Date(r.createdAt),
    answers: r.answers,
    consents: r.consents,
  }));
}

/** Hides or shows again a signer's comment on the public page; organisers of that petition only. */
export async function setCommentHidden(actor: Organiser | null, slug: string, signatureId: number, hidden: boolean): Promise<boolean> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !Number.isSafeInteger(signatureId)) return false;
  const s = signatures;
  const rows = await getDb()
    .update(s)
    .set({ commentHiddenAt: hidden ? sql`now()` : null })
    .where(and(eq(s.id, signatureId), eq(s.petitionId, petition.id), isNotNull(s.sealedComment)))
    .returning({ id: s.id });
  return rows.length > 0;
}
