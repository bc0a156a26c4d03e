/**
 * The predicate of `signatures_opted_in_idx`, over `signatures`' unqualified columns: a confirmed
 * signer who asked for updates, has not unsubscribed and whose data was not removed. It must be the
 * consent rule (lib/signatures/consent.ts, `OPTED_IN`), so that counting and mailing those signers
 * reads this index alone; it is written here because db/ imports nothing from lib/, and
 * tests/unit/opted-in-index-is-the-consent-rule.test.ts fails if the two differ.
 */
export const OPTED_IN_INDEX_PREDICATE = "status = 'confirmed' and wants_updates and unsubscribed_at is null and anonymised_at is null";
