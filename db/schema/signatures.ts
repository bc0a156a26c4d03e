import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, index, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { NAME_WORDS_INDEX_PREDICATE } from '../name-words-index';
import { OPTED_IN_INDEX_PREDICATE } from '../opted-in-index';
import { bytea } from './types';

/** One consent as it was given: what the signer read (the exact text), in which language, and when. */
export type SignatureConsent = { text: string; language: string; givenAt: string; controller?: string };

export const signatureStatus = pgEnum('signature_status', [
  'pending',
  'confirmed',
  /** Confirmed by email but suspect (a rate limit or block list matched): not counted until reviewed. */
  'held',
  'withdrawn',
  'invalidated',
]);

/** SQL for a fresh referral code: 16 hex characters, random (the column's default; at-risk confirmation replaces one with it). */
export const newReferralCode = sql`substr(md5(random()::text || clock_timestamp()::text), 1, 16)`;

export const signatures = pgTable(
  'signatures',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /**
     * The signed petition. Deliberately not a foreign key: checking one takes a KEY SHARE lock on the
     * petition's row for every signature, so in a surge every insert rewrites that one row's lock
     * (a new MultiXact each time, WAL-logged): a hot row by another name, ~30 % of a bare insert's
     * rate at 20 connections here (bench/RESULTS.md). The signing statement only inserts for a
     * petition it has just read; petitions are never deleted by the app, and a deletion by hand
     * still takes its signatures with it (db/functions/delete_petition_signatures.sql).
     */
    petitionId: uuid().notNull(),
    /**
     * The signer's name, email (as typed: where mail is sent), postcode and comment, each sealed with
     * AES-256-GCM under the petition's data key (`petition_keys`), bound to this signature and column
     * (lib/privacy/signer-fields.ts). Null once removed (withdrawal, retention, at-risk confirmation).
     */
    sealedName: bytea(),
    sealedEmail: bytea(),
    sealedPostcode: bytea(),
    sealedComment: bytea(),
    /** Keyed hashes of the folded name's whole words (lib/privacy/keyed-hashes.ts): the organisers' search by name. */
    nameWords: text().array(),
    /**
     * The clear columns of before encryption (migration 0034): `npm run keys:backfill` (run at every
     * start) seals what a database migrated from an earlier version still holds here and empties
     * them; nothing writes them any more. To be dropped by a later migration.
     */
    legacyName: text('name'),
    legacyEmail: text('email'),
    legacyPostcode: text('postcode'),
    legacyComment: text('comment'),
    /**
     * The signature's key on its petition (unique): `h:` and the hex of `email_hash`, the keyed hash of
     * the canonical email (lowercased, dots and +tags dropped where the provider ignores them), never
     * the address; `<label>:<id>` once anonymised.
     */
    canonicalEmail: text().notNull(),
    country: char({ length: 2 }).notNull(),
    showName: boolean().notNull().default(false),
    wantsUpdates: boolean().notNull().default(false),
    locale: text().notNull().default('en'),
    source: text(),
    /** This signer's code for the links they share (not secret: it only credits them). */
    referralCode: text().notNull().unique().default(newReferralCode),
    /** The referral code of the link this signature came through. */
    referredBy: text(),
    status: signatureStatus().notNull().default('pending'),
    /** Emails sent about this signature, capped so a form cannot be used to mail-bomb someone. */
    emailsSent: smallint().notNull().default(1),
    lastEmailedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    invalidatedAt: timestamp({ withTimezone: true }),
    /** The status an invalidated signature had (pending, confirmed or held): what restoring it gives back. */
    invalidatedFrom: signatureStatus(),
    /** Invalidated by a platform admin: only an admin may restore it, so organisers cannot undo the platform's moderation. */
    invalidatedByAdmin: boolean().notNull().default(false),
    /** Last restored after an invalidation its organisers found mistaken. */
    restoredAt: timestamp({ withTimezone: true }),
    /** Stopped receiving updates (one-click unsubscribe). */
    unsubscribedAt: timestamp({ withTimezone: true }),
    /** An organiser hid this signer's comment from the public page. */
    commentHiddenAt: timestamp({ withTimezone: true }),
    /** Registrable domain of the canonical email (clear: a domain, not a person), for per-domain limits. */
    emailDomain: text(),
    /** The canonical email's whole domain (clear, as email_domain), for bulk rules by domain; the address itself is sealed. */
    emailHost: text(),
    /** HMAC-SHA256 (keyed with SECRET) of the signer's IP and of its /24 (IPv4) or /48 (IPv6) network; cleared after the abuse-review window. */
    ipHash: bytea(),
    ipNetworkHash: bytea(),
    /** Why the signature was held back from the count (a limit or a list matched); never shown to the signer. */
    suspectedAt: timestamp({ withTimezone: true }),
    suspectReason: text(),
    /**
     * HMAC-SHA256 (keyed with SECRET) of the canonical email; the canonical email column is
     * `h:<this in hex>`: the same address cannot sign twice, also after its email is gone (at-risk
     * petitions), and a copy of the database alone does not reveal it.
     */
    emailHash: bytea(),
    /** Personal data removed (retention after the petition closed); counts, country and dates stay. */
    anonymisedAt: timestamp({ withTimezone: true }),
    /** Answers to the petition's questions, by question id: a choice's id, choice ids, 'yes'/'no' or text. */
    answers: jsonb().$type<Record<string, string | string[]>>(),
    /** Consent given, per purpose (`updates`, `partner`): the exact text shown, its language and when. */
    consents: jsonb().$type<Partial<Record<'updates' | 'partner', SignatureConsent>>>(),
  },
  (t) => [
    // Bounded whatever the caller: 5 questions of at most 20 choices or 500 characters (lib/questions).
    check('signatures_answers_size', sql`octet_length(${t.answers}::text) <= 16384`),
    check('signatures_consents_size', sql`octet_length(${t.consents}::text) <= 8192`),
    uniqueIndex('signatures_petition_email_uq').on(t.petitionId, t.canonicalEmail),
    index('signatures_recent_confirmed_idx')
      .on(t.petitionId, t.confirmedAt.desc())
      .where(sql`${t.status} = 'confirmed'`),
    // Dashboard queries at a million signatures (see bench/dashboard.ts).
    index('signatures_petition_created_idx').on(t.petitionId, t.createdAt.desc()),
    index('signatures_petition_status_created_idx').on(t.petitionId, t.status, t.createdAt),
    index('signatures_country_idx')
      .on(t.petitionId, t.country)
      .where(sql`${t.status} = 'confirmed'`),
    index('signatures_source_idx')
      .on(t.petitionId, t.source)
      .where(sql`${t.status} = 'confirmed'`),
    index('signatures_referred_by_idx')
      .on(t.petitionId, t.referredBy)
      .where(sql`${t.referredBy} is not null`),
    // Exactly the consent rule's signers (lib/signatures/consent.ts): counted and mailed from this index.
    index('signatures_opted_in_idx').on(t.petitionId).where(sql.raw(OPTED_IN_INDEX_PREDICATE)),
    // Rate limits count recent signatures of one IP or one email domain on a petition, stopping at the limit.
    index('signatures_ip_recent_idx')
      .on(t.petitionId, t.ipHash, t.createdAt)
      .where(sql`${t.ipHash} is not null`),
    index('signatures_domain_recent_idx').on(t.petitionId, t.emailDomain, t.createdAt),
    // Expiry of IP hashes, by day. Deliberately not on created_at itself: an index on created_at over
    // the rows with a hash also serves the per-IP count's order, and once most hashes have expired
    // (the statistics then say ip_hash is nearly always null) the planner preferred it to
    // ip_recent_idx and read every hashed signature of the window, of every petition, per signature.
    index('signatures_ip_retention_idx')
      .on(sql`((${t.createdAt} at time zone 'UTC')::date)`)
      .where(sql`${t.ipHash} is not null`),
    // The withdrawn signatures whose personal data is still to be cleared (a handful): the hourly purge
    // reads them without scanning the table; rows in any other state add nothing to it.
    index('signatures_withdrawn_purge_idx')
      .on(t.withdrawnAt)
      .where(sql`${t.status} = 'withdrawn' and ${t.anonymisedAt} is null`),
    // Organisers' search by whole words of a name, through their keyed hashes (`name_words @> …`), over
    // confirmed signatures only: see db/name-words-index.ts.
    index('signatures_name_words_idx').using('gin', t.nameWords).where(sql.raw(NAME_WORDS_INDEX_PREDICATE)),
  ],
);

/** Single-purpose tokens mailed to a signer; only their SHA-256/HMAC hash is stored. */
export const signatureTokens = pgTable(
  'signature_tokens',
  {
    tokenHash: bytea().primaryKey(),
    signatureId: bigint({ mode: 'number' })
      .notNull()
      .references(() => signatures.id, { onDelete: 'cascade' }),
    /** confirm: the double opt-in link; manage: the signer's own page (withdraw, download data, stop emails). */
    purpose: text({ enum: ['confirm', 'manage'] }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('signature_tokens_signature_idx').on(t.signatureId)],
);
