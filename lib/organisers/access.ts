import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { isSlug } from '@/lib/petitions/slug';

export type OrganiserPetition = {
  id: string;
  slug: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  role: 'owner' | 'organiser';
};

/**
 * The petition if this organiser may act on it, else null: the permission check every organiser
 * page, action and route goes through. Never distinguishes "missing" from "not yours".
 */
export async function findPetitionForOrganiser(actor: Organiser | null, slug: string): Promise<OrganiserPetition | null> {
  if (!actor || !isSlug(slug)) return null;
  const rows = await getDb().execute<OrganiserPetition>(sql`
    select p.id, p.slug, p.title, p.status, o.role
    from petitions p join petition_organisers o on o.petition_id = p.id and o.account_id = ${actor.id}
    where p.slug = ${slug}`);
  return rows[0] ?? null;
}

/** SQL condition: the petition aliased `p` is one this organiser may act on. */
export function organiserCanAct(actor: Organiser, petitionAlias = sql`p`) {
  return sql`exists (select 1 from petition_organisers o where o.petition_id = ${petitionAlias}.id and o.account_id = ${actor.id})`;
}
