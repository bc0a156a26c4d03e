import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { publicName } from './public-name';

export type PublicSigner = { name: string | null; country: string; confirmedAt: Date; comment: string | null };

/** Most recent confirmed signers: a name only where the signer agreed to show it, never an email; comments unless hidden by an organiser. */
export async function listRecentSigners(petitionId: string, limit = 8): Promise<PublicSigner[]> {
  const rows = await getDb().execute<{ name: string; show_name: boolean; country: string; confirmed_at: string; comment: string | null }>(sql`
    select name, show_name, country, confirmed_at, case when comment_hidden_at is null then comment end as comment
    from signatures
    where petition_id = ${petitionId} and status = 'confirmed'
    order by confirmed_at desc nulls last
    limit ${limit}`);
  return rows.map((r) => ({
    name: r.show_name ? publicName(r.name) : null,
    country: r.country,
    confirmedAt: new Date(r.confirmed_at),
    comment: r.comment,
  }));
}
