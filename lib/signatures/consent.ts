import { sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
// Types only: db/schema/signatures.ts imports OPTED_IN from here for its index, so a value import
// would be a cycle evaluated while the table is still being defined.
import type { SignatureConsent, signatures } from '@/db/schema';

// What a petition's organisers may know about its signers, decided here once for every organiser
// surface: the dashboard's list and search, both CSV exports, the opted-in figure and updates.
// Anyone can become an organiser, so a hostile petition must not learn addresses people did not
// agree to give it, nor test whether someone signed. Names of live signatures are shown (they are
// given to be delivered with the petition); emails only with consent; a signature that was withdrawn
// or invalidated shows nothing personal at all. Columns are those of `signatures`, unqualified
// unless the query names the table by an alias.

/** A key of the `signatures` schema: renaming a column fails the type check here. */
type SignatureColumn = keyof typeof signatures.$inferSelect;

/**
 * A `signatures` column under its database name (db/client.ts gives drizzle the snake_case casing),
 * qualified by the query's alias for the table when it has one.
 */
const column = (key: SignatureColumn, alias?: string) => (alias ? `${alias}.${toSnakeCase(key)}` : toSnakeCase(key));

function optedIn(alias?: string): string {
  const c = (key: SignatureColumn) => column(key, alias);
  return `${c('status')} = 'confirmed' and ${c('wantsUpdates')} and ${c('unsubscribedAt')} is null and ${c('anonymisedAt')} is null`;
}

function personalDataShown(alias?: string): string {
  const c = (key: SignatureColumn) => column(key, alias);
  return `${c('status')} not in ('withdrawn', 'invalidated') and ${c('anonymisedAt')} is null`;
}

/**
 * SQL condition over `signatures`: a confirmed signer who asked for updates, has not unsubscribed and
 * whose data was not removed. Only these signers' emails reach organisers, and only they get updates.
 * Also the predicate of `signatures_opted_in_idx`, so counting them reads that index alone.
 */
export const OPTED_IN = optedIn();

/** {@link OPTED_IN} as a query fragment; `alias` names the signatures table in queries that join. */
export const emailVisibleToOrganisers = (alias?: string): SQL<boolean> => sql<boolean>`${sql.raw(`(${optedIn(alias)})`)}`;

/** SQL condition: a signature whose name, postcode and comment organisers may see (not withdrawn or invalidated). */
export const personalDataVisibleToOrganisers = (alias?: string): SQL<boolean> => sql<boolean>`${sql.raw(`(${personalDataShown(alias)})`)}`;

/**
 * The personal fields of `signatures` as organisers may read them, for a query builder's select:
 * each sealed field null (or false) where this module's rule withholds it, with the petition and the
 * signature's key that open them (lib/signatures/read-signer.ts). `alias` as for emailVisibleToOrganisers.
 */
export function organiserVisibleFields(alias?: string) {
  const shown = personalDataVisibleToOrganisers(alias);
  const c = (key: SignatureColumn) => sql.raw(column(key, alias));
  return {
    petitionId: sql<string>`${c('petitionId')}`,
    signatureKey: sql<string>`${c('canonicalEmail')}`,
    sealedName: sql<Buffer | null>`case when ${shown} then ${c('sealedName')} end`,
    sealedEmail: sql<Buffer | null>`case when ${emailVisibleToOrganisers(alias)} then ${c('sealedEmail')} end`,
    sealedPostcode: sql<Buffer | null>`case when ${shown} then ${c('sealedPostcode')} end`,
    sealedComment: sql<Buffer | null>`case when ${shown} then ${c('sealedComment')} end`,
    optedIn: emailVisibleToOrganisers(alias),
  };
}

/**
 * SQL condition: a confirmed signer who ticked the petition's partner opt-in (lib/questions), whose
 * data was not removed: only these signers reach the partner's list, with their email.
 */
export const partnerConsented = (alias?: string): SQL<boolean> => {
  const c = (key: SignatureColumn) => column(key, alias);
  return sql<boolean>`${sql.raw(`(${c('status')} = 'confirmed' and ${c('consents')} ? 'partner' and ${c('anonymisedAt')} is null)`)}`;
};

/**
 * The answers and consents of `signatures` as organisers may read them: like the name, nothing of a
 * withdrawn or invalidated signature (nor of one whose data was removed, where both are gone already).
 */
export function organiserVisibleAnswers(alias?: string) {
  const shown = personalDataVisibleToOrganisers(alias);
  const c = (key: SignatureColumn) => sql.raw(column(key, alias));
  return {
    answers: sql<Record<string, string | string[]> | null>`case when ${shown} then ${c('answers')} end`,
    consents: sql<Partial<Record<'updates' | 'partner', SignatureConsent>> | null>`case when ${shown} then ${c('consents')} end`,
  };
}

/**
 * The same fields for a raw select list over `signatures`, under the names `"petitionId"`,
 * `"signatureKey"`, `"sealedName"`, `"sealedEmail"`, `"sealedPostcode"`, `"sealedComment"` and `opted_in`.
 */
export const organiserVisibleColumns: SQL = (() => {
  const f = organiserVisibleFields();
  return sql`
  ${f.petitionId} as "petitionId",
  ${f.signatureKey} as "signatureKey",
  ${f.sealedName} as "sealedName",
  ${f.sealedEmail} as "sealedEmail",
  ${f.sealedPostcode} as "sealedPostcode",
  ${f.sealedComment} as "sealedComment",
  ${f.optedIn} as opted_in`;
})();
