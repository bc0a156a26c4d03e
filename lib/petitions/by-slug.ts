import { sql, type SQL } from 'drizzle-orm';

/**
 * The petitions row a public address names, as a subquery to select from (`from ${petitionBySlug(slug)} p`):
 * the petition with this slug or, when none has it, the petition renamed from it (petition_slug_redirects),
 * so old links, widgets, posters and forms left open before a rename keep working. At most one row, of
 * any status: callers filter drafts and hidden petitions. The current slug costs one index lookup (the
 * second branch runs only when the first finds nothing); an old one, one more.
 */
export function petitionBySlug(slug: string): SQL {
  return sql`(
    (select * from petitions where slug = ${slug})
    union all
    (select p.* from petition_slug_redirects r join petitions p on p.id = r.petition_id where r.old_slug = ${slug})
    limit 1)`;
}
