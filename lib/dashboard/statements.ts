import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, readPublic } from '@/db/client';
import { signatures, type SignatureConsent } from '@/db/schema';
import { NAME_WORDS_INDEX_PREDICATE } from '@/db/name-words-index';
import { canonicalizeEmail } from '@/lib/signatures/canonical-email';
import { emailVisibleToOrganisers, organiserVisibleAnswers, organiserVisibleColumns, personalDataVisibleToOrganisers } from '@/lib/signatures/consent';
import { getEnv } from '@/lib/env';
import { nameWordHashes } from '@/lib/privacy/keyed-hashes';
import { atRiskEmailKey, emailHashOf } from '@/lib/signatures/email-hash';
import { openSigners, type SealedSignerRow } from '@/lib/signatures/read-signer';
import { normaliseQuery } from '@/lib/text/query';

// The dashboard statements whose shape is the point: the aggregates over a petition's signatures,
// each written to be answered from one index at a million signatures (bench/dashboard.ts), and the
// organisers' search, which must read signatures_name_words_idx. They are SQL over the schema's
// columns, so renaming a column fails the type check here too. Ordinary reads and writes of the
// dashboard use the query builder in ./queries.ts.

type SignatureStatus = (typeof signatures.$inferSelect)['status'];

/** A count. */
export type CountRow = { n: number };
/** Signatures of one status. */
export type StatusCountRow = { status: SignatureStatus; n: number };
/** Signatures of the last hour and of the last 24 hours. */
export type RecentRow = { hour: number; day: number };
/** One bucket of a series: its start (a timestamptz, which the app's client reads as text) and its confirmed signatures. */
export type SeriesRow = { at: string; n: number };
/** Confirmed signatures of one country or one source (null: none recorded). */
export type ShareRow = { key: string | null; n: number };

const s = signatures;

/** SQL condition: a confirmed signature of the petition. */
const confirmedOf = (petitionId: string) => sql`${s.petitionId} = ${petitionId} and ${s.status} = 'confirmed'`;

/**
 * Confirmed signatures per hour in [from, to), on whole UTC hours (the zone is named, not taken
 * from the session: in Asia/Tehran a session's hours start at :30): shared by the dashboard and
 * the open data API. Rows: SeriesRow.
 */
export function hourlySeries(petitionId: string, from: SQL, to: SQL): SQL {
  return sql`
    select date_trunc('hour', ${s.confirmedAt}, 'UTC') as at, count(*)::int as n from ${s}
    where ${confirmedOf(petitionId)} and ${s.confirmedAt} >= ${from} and ${s.confirmedAt} < ${to}
    group by 1 order by 1`;
}

/** Confirmed signatures per country, largest first: shared by the dashboard and the open data API. Rows: ShareRow. */
export function countryCounts(petitionId: string): SQL {
  return sql`
    select ${s.country} as key, count(*)::int as n from ${s} where ${confirmedOf(petitionId)}
    group by 1 order by 2 desc, 1`;
}

/** Runs hourlySeries for the open data API, on the public reads' pool (a replica may serve it). */
export async function readHourlySeries(petitionId: string, from: SQL, to: SQL): Promise<SeriesRow[]> {
  return readPublic((db) => db.execute<SeriesRow>(hourlySeries(petitionId, from, to)));
}

/** Runs countryCounts for the open data API, on the public reads' pool (a replica may serve it). */
export async function readCountryCounts(petitionId: string): Promise<ShareRow[]> {
  return readPublic((db) => db.execute<ShareRow>(countryCounts(petitionId)));
}

/** The dashboard's aggregates by name, so bench/dashboard.ts times exactly what the page runs. */
export function dashboardStatements(petitionId: string) {
  return {
    // Three index-only counts rather than one pass over every row.
    confirmed: sql`select count(*)::int as n from ${s} where ${confirmedOf(petitionId)}`,
    otherStatuses: sql`select ${s.status} as status, count(*)::int as n from ${s} where ${s.petitionId} = ${petitionId} and ${s.status} <> 'confirmed' group by ${s.status}`,
    optedIn: sql`select count(*)::int as n from ${s} where ${s.petitionId} = ${petitionId} and ${emailVisibleToOrganisers()}`,
    recent: sql`
      select count(*) filter (where ${s.createdAt} > now() - interval '1 hour')::int as hour, count(*)::int as day
      from ${s} where ${s.petitionId} = ${petitionId} and ${s.createdAt} > now() - interval '24 hours'`,
    hourly: hourlySeries(petitionId, sql`now() - interval '72 hours'`, sql`now()`),
    // Days from UTC midnight to UTC midnight, whatever the session's zone.
    daily: sql`
      select date_trunc('day', ${s.confirmedAt}, 'UTC') as at, count(*)::int as n from ${s}
      where ${confirmedOf(petitionId)} group by 1 order by 1`,
    countries: countryCounts(petitionId),
    sources: sql`
      select ${s.source} as key, count(*)::int as n from ${s} where ${confirmedOf(petitionId)}
      group by 1 order by 2 desc, 1 nulls last`,
  } satisfies Record<string, SQL>;
}

/** Every aggregate of the dashboard, run at once (each on a connection of the pool), with the types of their rows. */
export async function readDashboardAggregates(petitionId: string) {
  const q = dashboardStatements(petitionId);
  const db = getDb();
  const [confirmed, otherStatuses, optedIn, recent, hourly, daily, countries, sources] = await Promise.all([
    db.execute<CountRow>(q.confirmed),
    db.execute<StatusCountRow>(q.otherStatuses),
    db.execute<CountRow>(q.optedIn),
    db.execute<RecentRow>(q.recent),
    db.execute<SeriesRow>(q.hourly),
    db.execute<SeriesRow>(q.daily),
    db.execute<ShareRow>(q.countries),
    db.execute<ShareRow>(q.sources),
  ]);
  return { confirmed, otherStatuses, optedIn, recent, hourly, daily, countries, sources };
}

/** A signature as its petition's organisers may see it (lib/signatures/consent.ts decides what is withheld). */
export type OrganiserSignatureRow = {
  id: number | string;
  name: string | null;
  email: string | null;
  country: string;
  status: SignatureStatus;
  comment: string | null;
  commentHidden: boolean;
  createdAt: string;
  /** Answers to the petition's questions, by question id; consents per purpose (null where the name is withheld). */
  answers: Record<string, string | string[]> | null;
  consents: Partial<Record<'updates' | 'partner', SignatureConsent>> | null;
};

/**
 * The organisers' list of a petition's latest signatures, searched by an exact email (through the
 * keyed hash of its canonical form, and only where the email would be shown) or by whole words of the
 * folded name (every word given, through their keyed hashes in signatures_name_words_idx, and only
 * where the name would be shown, on a signature confirmed by email): the database compares hashes,
 * never a name or an address. Rows
 * (sealed): open them with lib/signatures/read-signer.ts, as findOrganiserSignatures does.
 */
export function organiserSignaturesQuery(petitionId: string, opts: { q?: string; limit?: number } = {}): SQL {
  const q = normaliseQuery(opts.q);
  const secret = getEnv().secret;
  const words = q && !q.includes('@') ? nameWordHashes(q, secret) : [];
  const filter = !q
    ? sql`true`
    : q.includes('@')
      ? sql`${s.canonicalEmail} = ${atRiskEmailKey(emailHashOf(canonicalizeEmail(q), secret))} and ${emailVisibleToOrganisers()}`
      : words.length === 0
        ? sql`false`
        : // The index's own predicate, stated so the planner reads it: confirmed names only (db/name-words-index.ts).
          sql`${s.nameWords} @> ${`{${words.join(',')}}`}::text[] and ${sql.raw(NAME_WORDS_INDEX_PREDICATE)} and ${personalDataVisibleToOrganisers()}`;
  const answersShown = organiserVisibleAnswers();
  return sql`
    select ${s.id} as id, ${organiserVisibleColumns}, ${s.country} as country, ${s.status} as status,
           ${s.commentHiddenAt} is not null as "commentHidden", ${s.createdAt} as "createdAt",
           ${answersShown.answers} as answers, ${answersShown.consents} as consents
    from ${s} where ${s.petitionId} = ${petitionId} and ${filter}
    order by ${s.createdAt} desc nulls last limit ${Math.min(opts.limit ?? 25, 100)}`;
}

/** Runs organiserSignaturesQuery. */
export async function findOrganiserSignatures(petitionId: string, opts: { q?: string; limit?: number } = {}): Promise<OrganiserSignatureRow[]> {
  const rows = await getDb().execute<Omit<OrganiserSignatureRow, 'name' | 'email' | 'comment'> & SealedSignerRow>(organiserSignaturesQuery(petitionId, opts));
  return openSigners([...rows]);
}
