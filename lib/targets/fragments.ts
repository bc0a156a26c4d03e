import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { petitionTargets } from '@/db/schema';

/** A target as the public sees it: never its email address. */
export type PublicTarget = { id: string; name: string; role: string; language: string };

/**
 * SQL (json array): the petition's targets in their order as the public sees them (id, name, role,
 * language; no email), `[]` when it has none. Wrapped like lib/petitions/fragments.ts's subqueries.
 */
export function publicTargetsOf(petitionId: SQLWrapper): SQL<PublicTarget[]> {
  const t = petitionTargets;
  return sql<
    PublicTarget[]
  >`${sql`coalesce((select json_agg(json_build_object('id', ${t.id}, 'name', ${t.name}, 'role', ${t.role}, 'language', ${t.language}) order by ${t.position}) from ${t} where ${t.petitionId} = ${petitionId}), '[]'::json)`}`;
}
