import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/** Rows a petition's confirmed count is spread over; confirmations pick one at random. */
export const COUNTER_SHARDS = 16;

export function pickCounterShard(): number {
  return Math.floor(Math.random() * COUNTER_SHARDS);
}

/** The exact confirmed count, as the sum of the petition's counter shards. */
export async function getSignatureCount(petitionId: string): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`
    select coalesce(sum(confirmed), 0)::int as n from petition_counters where petition_id = ${petitionId}`);
  return rows[0]?.n ?? 0;
}

// Advisory-lock namespace of the recount (the second key is the petition's): any fixed number.
const RECOUNT_LOCK = 7_411_303;

/**
 * Compares the stored count with the signatures table and repairs any difference, exactly once
 * however many recounts of the petition run at once: each takes the petition's advisory lock
 * first, and reads after it (a statement of its own, so its snapshot includes a correction the
 * previous holder just committed). Safe while confirmations continue: both sides are read in one
 * snapshot, and the fix is an increment, so confirmations committed meanwhile are not overwritten.
 */
export async function recountPetition(petitionId: string): Promise<{ stored: number; actual: number }> {
  const rows = await getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RECOUNT_LOCK}, hashtext(${petitionId}))`);
    return tx.execute<{ stored: number; actual: number }>(sql`
    with actual as (
      select count(*)::bigint as n from signatures where petition_id = ${petitionId} and status = 'confirmed'
    ),
    stored as (
      select coalesce(sum(confirmed), 0)::bigint as n from petition_counters where petition_id = ${petitionId}
    ),
    fix as (
      insert into petition_counters (petition_id, shard, confirmed)
      select ${petitionId}, 0, (select n from actual) - (select n from stored)
      where (select n from actual) <> (select n from stored)
      on conflict (petition_id, shard) do update set confirmed = petition_counters.confirmed + excluded.confirmed
      returning 1
    )
    select (select n from stored)::int as stored, (select n from actual)::int as actual, (select count(*) from fix) as fixed`);
    // Read committed, whatever the server's default: the statement after the lock must see the last correction.
  }, { isolationLevel: 'read committed' });
  const row = rows[0]!;
  if (row.stored !== row.actual) {
    console.warn(`[recount] petition ${petitionId}: stored ${row.stored}, actual ${row.actual}; repaired`);
  }
  return { stored: row.stored, actual: row.actual };
}

/**
 * The periodic recount: every open petition and every one closed in the last day, each compared
 * with its signatures table and repaired (and logged) when they differ. Returns the repaired ones.
 */
export async function recountActivePetitions(): Promise<{ petitionId: string; stored: number; actual: number }[]> {
  const petitions = await getDb().execute<{ id: string }>(sql`
    select id from petitions where status = 'open' or (status = 'closed' and closed_at > now() - interval '1 day')`);
  const repaired = [];
  // One petition at a time: this is background work, and each recount is its own consistent snapshot.
  for (const p of petitions) {
    const r = await recountPetition(p.id);
    if (r.stored !== r.actual) repaired.push({ petitionId: p.id, ...r });
  }
  return repaired;
}
