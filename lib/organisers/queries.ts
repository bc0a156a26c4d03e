import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { closingDay } from '@/lib/petitions/closing-date';
import { isSlug } from '@/lib/petitions/slug';

export type OrganiserPetitionRow = {
  slug: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  goal: number;
  signatureCount: number;
  role: 'owner' | 'organiser';
  victory: boolean;
  updatedAt: Date;
};

/** The petitions this organiser owns or co-organises, with counts, newest first. */
export async function listOrganiserPetitions(actor: Organiser): Promise<OrganiserPetitionRow[]> {
  const rows = await getDb().execute<Omit<OrganiserPetitionRow, 'updatedAt'> & { updatedAt: string }>(sql`
    select p.slug, p.title, p.status, p.goal, o.role, p.victory_at is not null as victory, p.updated_at as "updatedAt",
           coalesce((select sum(c.confirmed) from petition_counters c where c.petition_id = p.id), 0)::int as "signatureCount"
    from petition_organisers o join petitions p on p.id = o.petition_id
    where o.account_id = ${actor.id}
    order by p.updated_at desc`);
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) }));
}

export type EditablePetition = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  target: string;
  goal: number;
  language: string;
  status: 'draft' | 'open' | 'closed';
  closesOn: string | null;
  demands: string[];
  role: 'owner' | 'organiser';
  signatureCount: number;
  victoryMessage: string | null;
  hasCover: boolean;
  hidden: boolean;
};

/** Everything the editor and the overview show, only for the petition's organisers (any status). */
export async function getPetitionForOrganiser(actor: Organiser | null, slug: string): Promise<EditablePetition | null> {
  if (!actor || !isSlug(slug)) return null;
  const rows = await getDb().execute<EditablePetition>(sql`
    select p.id, p.slug, p.title, p.summary, p.body, p.target, p.goal, p.language, o.role,
           case when p.status = 'open' and p.closes_at <= now() then 'closed' else p.status end as status,
           ${closingDay(sql`p.closes_at`)} as "closesOn",
           p.victory_message as "victoryMessage", p.hidden_at is not null as hidden,
           exists (select 1 from petition_images i where i.petition_id = p.id) as "hasCover",
           coalesce((select sum(c.confirmed) from petition_counters c where c.petition_id = p.id), 0)::int as "signatureCount",
           coalesce((select json_agg(d.text order by d.position) from demands d where d.petition_id = p.id), '[]'::json) as demands
    from petitions p join petition_organisers o on o.petition_id = p.id and o.account_id = ${actor.id}
    where p.slug = ${slug}`);
  return rows[0] ?? null;
}
