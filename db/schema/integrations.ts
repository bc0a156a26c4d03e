import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { petitions } from './petitions';
import { bytea } from './types';

// Organisers' tools: webhook endpoints, Action Network connections and API keys (lib/integrations,
// lib/api-keys). Secrets that must be used again (a webhook's signing secret, an Action Network API
// key) are sealed with a key derived from SECRET (lib/security/sealed.ts); API keys are only ever
// compared, so only their keyed hash is kept.

export const integrationKind = pgEnum('integration_kind', ['webhook', 'action_network']);

/** Where a petition's events go: a webhook URL, or an Action Network petition. */
export const integrationEndpoints = pgTable(
  'integration_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    petitionId: uuid()
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    kind: integrationKind().notNull(),
    /** The webhook's URL; for Action Network, the petition's id there (its base URL is a setting). */
    target: text().notNull(),
    /** Event types sent (lib/integrations/events.ts). */
    events: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    /** The webhook's signing secret (`whsec_…`) or the Action Network API key, sealed (AES-256-GCM). */
    sealedSecret: bytea().notNull(),
    createdBy: uuid().references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    secretRotatedAt: timestamp({ withTimezone: true }),
    /** Set at the first failed attempt since the last success; an endpoint failing for a day is switched off. */
    failingSince: timestamp({ withTimezone: true }),
    /** Switched off by the platform after failing (not by the organiser). */
    disabledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('integration_endpoints_petition_idx')
      .on(t.petitionId)
      .where(sql`${t.enabled}`),
  ],
);

/**
 * Events waiting to be fanned out to endpoints. The confirming and withdrawing statements add a row
 * here (a narrow insert, only for petitions with an endpoint for that event); the worker's relay turns
 * rows into deliveries and queued jobs in batches. No foreign keys, as the email outbox.
 */
export const integrationOutbox = pgTable('integration_outbox', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  petitionId: uuid().notNull(),
  signatureId: bigint({ mode: 'number' }),
  type: text().notNull(),
  /** What a petition-level event carries (a milestone's number, a delivery's id…); never personal data. */
  data: jsonb().$type<Record<string, unknown>>(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const integrationDeliveryStatus = pgEnum('integration_delivery_status', ['pending', 'delivered', 'failed']);

/** One event for one endpoint: its id (`msg_<id>`) is stable across retries and resends. */
export const integrationDeliveries = pgTable(
  'integration_deliveries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    endpointId: uuid()
      .notNull()
      .references(() => integrationEndpoints.id, { onDelete: 'cascade' }),
    petitionId: uuid().notNull(),
    signatureId: bigint({ mode: 'number' }),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    /** When the event happened (the payload's timestamp). */
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    status: integrationDeliveryStatus().notNull().default('pending'),
    attempts: smallint().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    /** What the receiver answered that identifies the record there (Action Network's signature link), for a later withdrawal. */
    remoteRef: text(),
  },
  (t) => [
    index('integration_deliveries_endpoint_idx').on(t.endpointId, t.id),
    // The dashboard's latest deliveries of a petition.
    index('integration_deliveries_petition_idx').on(t.petitionId, t.id),
    index('integration_deliveries_signature_idx')
      .on(t.endpointId, t.signatureId, t.id)
      .where(sql`${t.signatureId} is not null`),
  ],
);

/** An organiser's API key: only its keyed hash is kept; it acts as its account on that account's petitions. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The key's first characters, shown so the organiser can tell keys apart. */
    prefix: text().notNull(),
    keyHash: bytea().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute. */
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_keys_account_idx').on(t.accountId)],
);
