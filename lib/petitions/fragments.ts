import { sql, type Column, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { demands, petitionCounters, petitionImages, petitions } from '@/db/schema';

// SQL fragments about petitions that several statements need, each written once here. They refer to
// the schema's columns (not to names in strings), so renaming a column fails the type check in every
// statement that uses them. Pass a drizzle `alias(petitions, 'p')` where a statement names the table
// differently.
//
// The fragments holding a subquery are wrapped in an outer sql`` of their own: in a builder select
// from a single table, drizzle strips the table name from the columns at the top level of each field,
// which inside a correlated subquery would leave `where petition_id = id` to be read as the
// subquery's own `id` (demands has one).

// The database's names for the schema's columns: db/client.ts gives drizzle the same casing.
const casing = new CasingCache('snake_case');

/**
 * SQL: a column under its database name alone, where a raw statement may not qualify it with its
 * table's (as drizzle renders `${table.column}`): an update's `set`, an insert's column list.
 */
export function columnName(column: Column): SQL {
  return sql`${sql.identifier(casing.getColumnCasing(column))}`;
}

/** SQL: `(col, …)`, an insert's column list in a raw statement (see columnName). */
export function columnList(...columns: Column[]): SQL {
  return sql`(${sql.join(columns.map(columnName), sql`, `)})`;
}

/** Rows a petition's confirmed count is spread over; confirmations pick one at random. */
export const COUNTER_SHARDS = 16;

/** A counter shard for one change to a count: a random one, so concurrent changes rarely meet on a row. */
export function pickCounterShard(): number {
  return Math.floor(Math.random() * COUNTER_SHARDS);
}

/**
 * SQL (int): the exact confirmed count of the petition whose id is `petitionId` (a column such as
 * `p.id`, or a value), as the sum of its counter shards: an index range read of at most 16 rows.
 */
export function signatureCountOf(petitionId: SQLWrapper | string): SQL<number> {
  return sql<number>`${sql`coalesce((select sum(${petitionCounters.confirmed}) from ${petitionCounters} where ${petitionCounters.petitionId} = ${petitionId}), 0)::int`}`;
}

/**
 * SQL (petition_status): a petition's status as readers and signers must see it: an open petition
 * whose closing date has passed is closed, whether or not the per-minute job has recorded it yet.
 */
export function effectiveStatus(p: { status: SQLWrapper; closesAt: SQLWrapper } = petitions): SQL<'draft' | 'open' | 'closed'> {
  return sql<'draft' | 'open' | 'closed'>`(case when ${p.status} = 'open' and ${p.closesAt} <= now() then 'closed'::petition_status else ${p.status} end)`;
}

/** SQL (boolean): whether the petition whose id is `petitionId` has a cover image (one primary-key probe). */
export function hasCoverImage(petitionId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`${sql`exists (select 1 from ${petitionImages} where ${petitionImages.petitionId} = ${petitionId})`}`;
}

/** SQL (json array of text): the petition's demands in their order, `[]` when it has none. */
export function demandsOf(petitionId: SQLWrapper): SQL<string[]> {
  return sql<
    string[]
  >`${sql`coalesce((select json_agg(${demands.text} order by ${demands.position}) from ${demands} where ${demands.petitionId} = ${petitionId}), '[]'::json)`}`;
}

/**
 * SQL: adds to petitions' confirmed counts, for a statement's CTE. `changes` is a select of two
 * columns, petition id and the (signed) amount, one row per petition; each amount goes to one
 * random shard, or to `shard` when given (the recount's repair keeps to shard 0). The only way
 * counts change: confirming, withdrawing, invalidating, restoring, releasing and the recount's
 * repair all go through it. A statement built once passes the shard as a placeholder (and picks
 * it per execution).
 */
export function addToSignatureCounts(changes: SQL, shard: number | Placeholder = pickCounterShard()): SQL {
  return sql`
    insert into ${petitionCounters} as c (petition_id, shard, confirmed)
    select change.petition_id, ${shard}, change.amount from (${changes}) as change(petition_id, amount)
    on conflict (petition_id, shard) do update set confirmed = c.confirmed + excluded.confirmed`;
}
