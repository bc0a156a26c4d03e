import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, loginTokens } from '@/db/schema';
import { jobNames } from '@/lib/jobs/jobs';
import { columnList, columnName } from '@/lib/petitions/fragments';

// The sign-in statements whose shape is the point: the per-address lock, the network's email budget,
// the link's email queued in the caller's transaction, and a token used up and its account created
// in one statement. Ordinary reads and writes use the query builder.

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** Takes the address's lock until the transaction ends, so concurrent requests for it take turns at the cap. */
export async function lockLoginAddress(tx: Tx, address: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${address}`}))`);
}

/** Takes one email from the network's budget (`email_budget_take`); false when it is spent. */
export async function takeEmailBudget(tx: Tx, budgetHash: Buffer | null): Promise<boolean> {
  const [budget] = await tx.execute<{ ok: boolean }>(sql`select email_budget_take(${budgetHash}::bytea) as ok`);
  return budget?.ok === true;
}

/** Queues the sign-in link's email, inside the caller's transaction. */
export async function queueLoginLinkEmail(tx: Tx, link: { email: string; locale: string; next: string }): Promise<void> {
  await tx.execute(sql`
    select graphile_worker.add_job(${jobNames.loginLink},
      json_build_object('email', ${link.email}::text, 'locale', ${link.locale}::text, 'next', ${link.next}::text),
      max_attempts := 8)`);
}

/**
 * Uses the sign-in token with this hash, if unused and unexpired, and creates its account on first
 * use (or records the sign-in), in one statement: a token signs in once however many requests carry
 * it. Returns the account id, or null.
 */
export async function redeemLoginToken(tokenHash: Buffer): Promise<string | null> {
  const rows = await getDb().execute<{ id: string }>(sql`
    with used (email) as (
      update ${loginTokens} set ${columnName(loginTokens.usedAt)} = now()
      where ${loginTokens.tokenHash} = ${tokenHash} and ${loginTokens.usedAt} is null and ${loginTokens.expiresAt} > now()
      returning ${loginTokens.email}
    )
    insert into ${accounts} ${columnList(accounts.email, accounts.lastSignedInAt)}
    select email, now() from used
    on conflict ${columnList(accounts.email)} do update set ${columnName(accounts.lastSignedInAt)} = now()
    returning ${accounts.id}`);
  return rows[0]?.id ?? null;
}
