import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionBySlug } from './by-slug';
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
  closesAt: Date | null;
  victoryAt: Date | null;
  victoryMessage: string | null;
  hasCover: boolean;
  /** Every language the petition is written in: the original first, then its translations. */
  languages: string[];
};

const countOf = sql`coalesce((select sum(c.confirmed) from petition_counters c where c.petition_id = p.id), 0)::int`;

/** Open petitions, newest first, with their confirmed counts; one query for the page. */
export async function listOpenPetitions(opts: { limit: number; offset: number }): Promise<PetitionSummary[]> {
  const rows = await getDb().execute<PetitionSummary>(sql`
    select p.slug, p.title, p.summary, p.target, p.goal, ${countOf} as "signatureCount"
    from petitions p
    where p.status = 'open' and p.hidden_at is null
    order by p.published_at desc nulls last, p.id
    limit ${opts.limit} offset ${opts.offset}`);
  return [...rows];
}

/**
 * The current slug of the published petition at `slug`: itself, or the new one after a rename;
 * null when there is none. One lookup, for redirecting.
 */
export async function findCurrentSlug(slug: string): Promise<string | null> {
  if (!isSlug(slug)) return null;
  const rows = await getDb().execute<{ slug: string }>(sql`
    select slug from ${petitionBySlug(slug)} p where status <> 'draft' and hidden_at is null`);
  return rows[0]?.slug ?? null;
}

/**
 * A published (open or closed) petition with its demands and count; drafts are not public. An
 * address the petition had before a rename finds it too: `slug` in the result is its current one,
 * so a page at another address redirects there (lib/petitions/public-page.ts). With `language`, the organisers' translation into it replaces the text when one exists
 * (`language` in the result says which text was given).
 */
export async function getPublicPetition(slug: string, language?: string): Promise<Petition | null> {
  if (!isSlug(slug)) return null;
  type Row = Omit<Petition, 'publishedAt' | 'closedAt' | 'closesAt' | 'victoryAt'> & Record<'publishedAt' | 'closedAt' | 'closesAt' | 'victoryAt', string | null>;
  const rows = await getDb().execute<Row>(sql`
    select p.id, p.slug, coalesce(t.title, p.title) as title, coalesce(t.summary, p.summary) as summary,
           coalesce(t.body, p.body) as body, coalesce(t.target, p.target) as target, p.goal,
           coalesce(t.language, p.language) as language,
           case when p.status = 'open' and p.closes_at <= now() then 'closed' else p.status end as status,
           p.published_at as "publishedAt", p.closed_at as "closedAt", p.closes_at as "closesAt",
           p.victory_at as "victoryAt", p.victory_message as "victoryMessage",
           exists (select 1 from petition_images i where i.petition_id = p.id) as "hasCover",
           ${countOf} as "signatureCount",
           coalesce(to_json(t.demands), (select json_agg(d.text order by d.position) from demands d where d.petition_id = p.id), '[]'::json) as demands,
           array_prepend(p.language, array(select l.language from petition_translations l where l.petition_id = p.id and l.language <> p.language order by l.language)) as languages
    from ${petitionBySlug(slug)} p
    left join petition_translations t on t.petition_id = p.id and t.language = ${language ?? null}::text and t.language <> p.language
    where p.status <> 'draft' and p.hidden_at is null`);
  const row = rows[0];
  if (!row) return null;
  const date = (v: string | null) => (v ? new Date(v) : null);
  return {
    ...row,
    publishedAt: date(row.publishedAt),
    closedAt: date(row.closedAt),
    closesAt: date(row.closesAt),
    victoryAt: date(row.victoryAt),
  };
}
