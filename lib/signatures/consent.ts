import { sql } from 'drizzle-orm';

// What a petition's organisers may know about its signers, decided here once for every organiser
// surface: the dashboard's list and search, both CSV exports, the opted-in figure and updates.
// Anyone can become an organiser, so a hostile petition must not learn addresses people did not
// agree to give it, nor test whether someone signed. Names of live signatures are shown (they are
// given to be delivered with the petition); emails only with consent; a signature that was withdrawn
// or invalidated shows nothing personal at all. Columns are those of `signatures`, unqualified.

/** `signatures` columns, qualified by the query's alias for the table when it has one. */
const columns = (alias?: string) => (name: string) => (alias ? `${alias}.${name}` : name);

function optedIn(alias?: string): string {
  const c = columns(alias);
  return `${c('status')} = 'confirmed' and ${c('wants_updates')} and ${c('unsubscribed_at')} is null and ${c('anonymised_at')} is null`;
}

function personalDataShown(alias?: string): string {
  const c = columns(alias);
  return `${c('status')} not in ('withdrawn', 'invalidated') and ${c('anonymised_at')} is null`;
}

/**
 * SQL condition over `signatures`: a confirmed signer who asked for updates, has not unsubscribed and
 * whose data was not removed. Only these signers' emails reach organisers, and only they get updates.
 * Also the predicate of `signatures_opted_in_idx`, so counting them reads that index alone.
 */
export const OPTED_IN = optedIn();

/** {@link OPTED_IN} as a query fragment; `alias` names the signatures table in queries that join. */
export const emailVisibleToOrganisers = (alias?: string) => sql.raw(`(${optedIn(alias)})`);

/** SQL condition: a signature whose name, postcode and comment organisers may see (not withdrawn or invalidated). */
export const personalDataVisibleToOrganisers = (alias?: string) => sql.raw(`(${personalDataShown(alias)})`);

/**
 * The personal columns of `signatures` as organisers may read them (`name`, `email`, `postcode`,
 * `comment`, `opted_in`), each null (or false) where this module's rule withholds it.
 */
export const organiserVisibleColumns = sql`
  case when ${personalDataVisibleToOrganisers()} then name end as name,
  case when ${emailVisibleToOrganisers()} then email end as email,
  case when ${personalDataVisibleToOrganisers()} then postcode end as postcode,
  case when ${personalDataVisibleToOrganisers()} then comment end as comment,
  ${emailVisibleToOrganisers()} as opted_in`;
