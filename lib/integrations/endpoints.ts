import 'server-only';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { integrationDeliveries, integrationEndpoints } from '@/db/schema';
import type { Organiser } from '@/lib/auth/session';
import { findPetitionForOrganiser } from '@/lib/organisers/access';
import { seal } from '@/lib/security/sealed';
import { ACTION_NETWORK_EVENTS } from './events';
import { checkDestination, DestinationRefused } from './safe-request';
import { actionNetworkInput, integrationLimits, webhookInput } from './schemas';
import { createWebhookSecret } from './secrets';
import { queueDeliveryJob } from './statements';

// What an organiser does with a petition's webhooks and Action Network connection. Every function
// finds the petition through findPetitionForOrganiser: a stranger gets "not found".

export type EndpointResult =
  | { status: 'created'; id: string; secret?: string }
  | { status: 'invalid'; errors: Record<string, string[]> }
  | { status: 'too_many' }
  | { status: 'not_found' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function countEndpoints(petitionId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(integrationEndpoints).where(eq(integrationEndpoints.petitionId, petitionId));
  return row?.n ?? 0;
}

/**
 * Adds a webhook endpoint (an https URL on a public address; checked again, after DNS, at every
 * request) for the chosen events, and returns its signing secret: shown once, kept only sealed.
 */
export async function addWebhook(actor: Organiser | null, slug: string, raw: unknown): Promise<EndpointResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return { status: 'not_found' };
  const parsed = webhookInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await checkDestination(parsed.data.url);
  } catch (e) {
    if (e instanceof DestinationRefused) return { status: 'invalid', errors: { url: ['webhookUrl'] } };
    throw e;
  }
  if ((await countEndpoints(petition.id)) >= integrationLimits.endpointsPerPetition) return { status: 'too_many' };
  const secret = createWebhookSecret();
  const [row] = await getDb()
    .insert(integrationEndpoints)
    .values({ petitionId: petition.id, kind: 'webhook', target: parsed.data.url, events: parsed.data.events, sealedSecret: seal(secret), createdBy: actor!.id })
    .returning({ id: integrationEndpoints.id });
  return { status: 'created', id: row!.id, secret };
}

/**
 * Connects the petition to an Action Network petition with the organiser's API key (kept sealed):
 * from now on each consenting signer's confirmation is recorded there. Not for at-risk petitions,
 * whose signers' data never leaves.
 */
export async function connectActionNetwork(actor: Organiser | null, slug: string, raw: unknown): Promise<EndpointResult> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || petition.atRisk) return { status: 'not_found' };
  const parsed = actionNetworkInput.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', errors: z.flattenError(parsed.error).fieldErrors };
  if ((await countEndpoints(petition.id)) >= integrationLimits.endpointsPerPetition) return { status: 'too_many' };
  const [row] = await getDb()
    .insert(integrationEndpoints)
    .values({
      petitionId: petition.id,
      kind: 'action_network',
      target: parsed.data.petitionId,
      events: ACTION_NETWORK_EVENTS,
      sealedSecret: seal(parsed.data.apiKey),
      createdBy: actor!.id,
    })
    .returning({ id: integrationEndpoints.id });
  return { status: 'created', id: row!.id };
}

/** The endpoint `id` of a petition this organiser may act on, or null. */
async function ownEndpoint(actor: Organiser | null, slug: string, id: string) {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !UUID.test(id)) return null;
  const [row] = await getDb()
    .select({ id: integrationEndpoints.id, kind: integrationEndpoints.kind })
    .from(integrationEndpoints)
    .where(and(eq(integrationEndpoints.id, id), eq(integrationEndpoints.petitionId, petition.id)));
  return row ?? null;
}

/** A new signing secret for a webhook, returned once; the old one stops signing at once. */
export async function rotateWebhookSecret(
  actor: Organiser | null,
  slug: string,
  id: string,
): Promise<{ status: 'rotated'; secret: string } | { status: 'not_found' }> {
  const endpoint = await ownEndpoint(actor, slug, id);
  if (endpoint?.kind !== 'webhook') return { status: 'not_found' };
  const secret = createWebhookSecret();
  await getDb()
    .update(integrationEndpoints)
    .set({ sealedSecret: seal(secret), secretRotatedAt: sql`now()` })
    .where(eq(integrationEndpoints.id, endpoint.id));
  return { status: 'rotated', secret };
}

/** Switches an endpoint on or off; switching on forgets its failures (a new day to succeed). */
export async function setEndpointEnabled(actor: Organiser | null, slug: string, id: string, enabled: boolean): Promise<'done' | 'not_found'> {
  const endpoint = await ownEndpoint(actor, slug, id);
  if (!endpoint) return 'not_found';
  await getDb()
    .update(integrationEndpoints)
    .set(enabled ? { enabled, failingSince: null, disabledAt: null } : { enabled })
    .where(eq(integrationEndpoints.id, endpoint.id));
  return 'done';
}

/** Removes an endpoint and its delivery log. */
export async function removeEndpoint(actor: Organiser | null, slug: string, id: string): Promise<'done' | 'not_found'> {
  const endpoint = await ownEndpoint(actor, slug, id);
  if (!endpoint) return 'not_found';
  await getDb().delete(integrationEndpoints).where(eq(integrationEndpoints.id, endpoint.id));
  return 'done';
}

/** Sends one delivery again, under its same id (a receiver that has it drops it). */
export async function resendDelivery(actor: Organiser | null, slug: string, deliveryId: number): Promise<'queued' | 'not_found'> {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition || !Number.isSafeInteger(deliveryId)) return 'not_found';
  const d = integrationDeliveries;
  const [row] = await getDb()
    .update(d)
    .set({ status: 'pending' })
    .where(and(eq(d.id, deliveryId), eq(d.petitionId, petition.id)))
    .returning({ id: d.id });
  if (!row) return 'not_found';
  await queueDeliveryJob(row.id);
  return 'queued';
}

const RECENT = 50;

/** A petition's endpoints (never their secrets) and their latest deliveries with status codes, for its organisers. */
export async function listIntegrations(actor: Organiser | null, slug: string) {
  const petition = await findPetitionForOrganiser(actor, slug);
  if (!petition) return null;
  const e = integrationEndpoints;
  const d = integrationDeliveries;
  const db = getDb();
  const [endpoints, deliveries] = await Promise.all([
    db
      .select({
        id: e.id,
        kind: e.kind,
        target: e.target,
        events: e.events,
        enabled: e.enabled,
        createdAt: e.createdAt,
        secretRotatedAt: e.secretRotatedAt,
        failingSince: e.failingSince,
        disabledAt: e.disabledAt,
      })
      .from(e)
      .where(eq(e.petitionId, petition.id))
      .orderBy(e.createdAt),
    db
      .select({
        id: d.id,
        endpointId: d.endpointId,
        type: d.type,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        lastAttemptAt: d.lastAttemptAt,
        occurredAt: d.occurredAt,
      })
      .from(d)
      .where(eq(d.petitionId, petition.id))
      .orderBy(desc(d.id))
      .limit(RECENT),
  ]);
  return { petition, endpoints, deliveries };
}
