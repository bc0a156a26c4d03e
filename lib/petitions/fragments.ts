import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { petitionCounters, petitions } from '@/db/schema';

// SQL fragments about petitions that several statements need, each written once here. They refer to
// the schema's columns (not to names in strings), so renaming a column fails the type check in every
// statement that uses them. Pass a drizzle `alias(petitions, 'p')` where a statement names the table
// differently.

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
  return sql<number>`coalesce((select sum(${petitionCounters.confirmed}) from ${petitionCounters} where ${petitionCounters.petitionId} = ${petitionId}), 0)::int`;
}

/**
 * SQL (petition_status): a petition's status as readers and signers must see it: an open petition
 * whose closing date has passed is closed, whether or not the per-minute job has recorded it yet.
 */
export function effectiveStatus(p: { status: SQLWrapper; closesAt: SQLWrapper } = petitions): SQL<'draft' | 'open' | 'closed'> {
  return sql<'draft' | 'open' | 'closed'>`(case when ${p.status} = 'open' and ${p.closesAt} <= now() then 'closed'::petition_status else ${p.status} end)`;
}

/**
 * SQL: adds to petitions' confirmed counts, for a statement's CTE. `changes` is a select of two
 * columns, petition id and the (signed) amount, one row per petition; each amount goes to one
 * random shard. The only way counts change: confirming, withdrawing, invalidating, restoring,
 * releasing and the recount's repair all go through it.
 */
export function addToSignatureCounts(changes: SQL): SQL {
  return sql`
    insert into ${petitionCounters} as c (petition_id, shard, confirmed)
    select change.petition_id, ${pickCounterShard()}, change.amount from (${changes}) as change(petition_id, amount)
    on conflict (petition_id, shard) do update set confirmed = c.confirmed + excluded.confirmed`;
}
