import 'server-only';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { closingInstant } from './closing-date';
import { petitionDraftInput, publishProblems, type PetitionField } from './schemas';
import { slugify } from './slug';

export type SaveResult =
  | { status: 'saved'; slug: string; published: boolean }
  | { status: 'invalid'; errors: Partial<Record<PetitionField, string[]>> }
  | { status: 'not_found' };

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

async function slugInUse(tx: Tx, slug: string, exceptPetitionId: string | null): Promise<boolean> {
  const rows = await tx.execute(sql`
    select 1 from petitions where slug = ${slug} and id is distinct from ${exceptPetitionId}::uuid
    union all
    select 1 from petition_slug_redirects where old_slug = ${slug} and petition_id is distinct from ${exceptPetitionId}::uuid`);
  return rows.length > 0;
}

async function proposeSlug(tx: Tx, title: string, exceptPetitionId: string | null): Promise<string> {
  const base = slugify(title) || 'petition';
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugInUse(tx, candidate, exceptPetitionId))) return candidate;
  }
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates (no `slug`) or updates a petition the organiser may act on, with its demands, in one
 * transaction. A draft saves whatever is there; publishing requires it complete. A published
 * petition whose slug changes keeps its old slug as a redirect.
 */
export async function savePetition(actor: Organiser, existingSlug: string | null, raw: unknown, intent: 'draft' | 'publish'): Promise<SaveResult> {
  const parsed = petitionDraftInput.safeParse(raw);
  if (!parsed.success) {
    return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors as Partial<Record<PetitionField, string[]>> };
  }
  const d = parsed.data;
  if (intent === 'publish') {
    const problems = publishProblems(d);
    if (Object.keys(problems).length) return { status: 'invalid', errors: problems };
  }
  const existing = existingSlug === null ? null : await findPetitionForOrganiser(actor, existingSlug);
  if (existingSlug !== null && !existing) return { status: 'not_found' };

  return getDb().transaction(async (tx) => {
    const petitionId = existing?.id ?? null;
    let slug = d.slug;
    if (slug && slug !== existing?.slug && (await slugInUse(tx, slug, petitionId))) {
      return { status: 'invalid', errors: { slug: ['slugTaken'] } } as SaveResult;
    }
    if (!slug) slug = existing?.slug ?? (await proposeSlug(tx, d.title, petitionId));
    const publish = intent === 'publish' && (existing?.status ?? 'draft') === 'draft';
    const closesAt = d.closesOn ? closingInstant(d.closesOn) : sql`null`;
    const fields = sql`title = ${d.title}, slug = ${slug}, summary = ${d.summary}, body = ${d.body}, target = ${d.target},
      goal = ${d.goal ?? 100}, language = ${d.language}, closes_at = ${closesAt}, updated_at = now()`;

    let id: string;
    if (existing) {
      id = existing.id;
      await tx.execute(sql`update petitions set ${fields} where id = ${id}`);
      if (slug !== existing.slug && existing.status !== 'draft') {
        await tx.execute(sql`delete from petition_slug_redirects where old_slug = ${slug}`);
        await tx.execute(sql`insert into petition_slug_redirects (old_slug, petition_id) values (${existing.slug}, ${id}) on conflict do nothing`);
      }
      await tx.execute(sql`delete from demands where petition_id = ${id}`);
    } else {
      const rows = await tx.execute<{ id: string }>(sql`
        insert into petitions (title, slug, summary, body, target, goal, language, closes_at)
        values (${d.title}, ${slug}, ${d.summary}, ${d.body}, ${d.target}, ${d.goal ?? 100}, ${d.language}, ${closesAt})
        returning id`);
      id = rows[0]!.id;
      await tx.execute(sql`insert into petition_organisers (petition_id, account_id, role) values (${id}, ${actor.id}, 'owner')`);
    }
    if (d.demands.length) {
      const values = sql.join(d.demands.map((text, position) => sql`(${id}, ${position}, ${text})`), sql`, `);
      await tx.execute(sql`insert into demands (petition_id, position, text) values ${values}`);
    }
    if (publish) await tx.execute(sql`update petitions set status = 'open', published_at = now() where id = ${id}`);
    return { status: 'saved', slug, published: publish || existing?.status === 'open' } as SaveResult;
  });
}
