import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isSlug } from './slug';

export type PetitionSummary = {
  slug: string;
  title: string;
  summary: string;
  target: string;
  goal: number;
  signatureCount: number;
};

export type Petition = PetitionSummary & {
  id: string;
  body: string;
  language: string;
  status: 'open' | 'closed';
  demands: string[];
  publishedAt: Date | null;
  closedAt: Date | null;
};

const countOf = sql`coalesce((select sum(c.confirmed) from petition_counters c where c.petition_id = p.id), 0)::int`;

/** Open petitions, newest first, with their confirmed counts; one query for the page. */
export async function listOpenPetitions(opts: { limit: number; offset: number }): Promise<PetitionSummary[]> {
  const rows = await getDb().execute<PetitionSummary>(sql`
    select p.slug, p.title, p.summary, p.target, p.goal, ${countOf} as "signatureCount"
    from petitions p
    where p.status = 'open'
    order by p.published_at desc nulls last, p.id
    limit ${opts.limit} offset ${opts.offset}`);
  return [...rows];
}

/** A published (open or closed) petition with its demands and count; drafts are not public. */
export async function getPublicPetition(slug: string): Promise<Petition | null> {
  if (!isSlug(slug)) return null;
  const rows = await getDb().execute<Omit<Petition, 'publishedAt' | 'closedAt'> & { publishedAt: string | null; closedAt: string | null }>(sql`
    select p.id, p.slug, p.title, p.summary, p.body, p.target, p.goal, p.language, p.status,
           p.published_at as "publishedAt", p.closed_at as "closedAt",
           ${countOf} as "signatureCount",
           coalesce((select json_agg(d.text order by d.position) from demands d where d.petition_id = p.id), '[]'::json) as demands
    from petitions p
    where p.slug = ${slug} and p.status <> 'draft'`);
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
  };
}
