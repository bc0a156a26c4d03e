import 'server-only';
import { eq, getTableColumns, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionSlugRedirects, petitions } from '@/db/schema';

/**
 * The petitions row a public address names: the petition with this slug or, when none has it, the
 * petition renamed from it (petition_slug_redirects), so old links, widgets, posters and forms left
 * open before a rename keep working. At most one row, of any status: callers filter drafts and
 * hidden petitions. The current slug costs one index lookup (the second branch runs only when the
 * first finds nothing); an old one, one more.
 */
function petitionRowAt(slug: string | Placeholder) {
  const db = getDb();
  const renamedFrom = db
    .select(getTableColumns(petitions))
    .from(petitionSlugRedirects)
    .innerJoin(petitions, eq(petitions.id, petitionSlugRedirects.petitionId))
    .where(eq(petitionSlugRedirects.oldSlug, slug));
  return db.select().from(petitions).where(eq(petitions.slug, slug)).unionAll(renamedFrom).limit(1);
}

/**
 * The petition at a public address as a subquery for the query builder, named `as`: select its
 * columns (`p.slug`, typed from the schema) `.from(p)`. See petitionRowAt for what it finds. The
 * slug may be a placeholder, for a prepared query.
 */
export function petitionAt(slug: string | Placeholder, as = 'p') {
  return petitionRowAt(slug).as(as);
}

/**
 * The same row as a subquery for a raw statement (`from ${petitionBySlug(slug)} p`), its columns
 * under their database names. The slug may be a placeholder, for a statement built once.
 */
export function petitionBySlug(slug: string | Placeholder): SQL {
  return sql`(${petitionRowAt(slug)})`;
}
