import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { integrationDeliveries, integrationEndpoints, petitions } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { readSigners, type SignerRow } from '@/lib/exports/signatures';
import { localizedPath } from '@/lib/i18n/paths';
import { settleWithin } from '@/lib/jobs/settle-within';
import { signatureCountOf } from '@/lib/petitions/fragments';
import { unseal } from '@/lib/security/sealed';
import { markWithdrawn, osdiSignatureBody, pushSignature, signatureLinkOf } from './action-network';
import { recordAttempt } from './failures';
import { eventBody, mayCarryPersonalData, signerPayload, type PetitionFacts } from './payload';
import { DestinationRefused, type Answer } from './safe-request';
import { postWebhook } from './webhook';

// One job sends a batch of one endpoint's deliveries one after another, in event order; each entry
// settles on its own (the queue retries only the failed ones, with its backoff). A delivery waits
// while an earlier event about the same signature has not reached the same endpoint, so a receiver
// never hears of a withdrawal before the confirmation it withdraws.

const JOB_BUDGET_MS = 60_000;

/** An entry that waits for an earlier event about the same signature; the queue tries it again later. */
export class WaitingForEarlierEvent extends Error {
  constructor(id: number) {
    super(`delivery ${id} waits for an earlier event about the same signature`);
  }
}

/** Why an attempt failed, as the dashboard shows it. */
export class DeliveryFailed extends Error {}

type Loaded = Awaited<ReturnType<typeof loadDeliveries>>[number];

async function loadDeliveries(ids: number[]) {
  const d = integrationDeliveries;
  const e = integrationEndpoints;
  const p = petitions;
  return getDb()
    .select({
      id: d.id,
      type: d.type,
      data: d.data,
      status: d.status,
      signatureId: d.signatureId,
      occurredAt: d.occurredAt,
      endpointId: e.id,
      kind: e.kind,
      target: e.target,
      enabled: e.enabled,
      sealedSecret: e.sealedSecret,
      petitionId: p.id,
      slug: p.slug,
      title: p.title,
      language: p.language,
      questions: p.questions,
      atRisk: sql<boolean>`${p.atRiskAt} is not null`,
      count: signatureCountOf(p.id),
      // An earlier event about the same signature not yet delivered to this endpoint (nor given up).
      waiting: sql<boolean>`exists (select 1 from ${d} d0 where d0.endpoint_id = ${d.endpointId} and d0.signature_id = ${d.signatureId}
        and d0.status = 'pending' and (d0.occurred_at, d0.id) < (${d.occurredAt}, ${d.id}))`,
    })
    .from(d)
    .innerJoin(e, eq(e.id, d.endpointId))
    .innerJoin(p, eq(p.id, d.petitionId))
    .where(inArray(d.id, ids));
}

/**
 * Sends a batch of deliveries (one endpoint's, in the order given); one promise per entry, as the
 * queue's batch jobs expect. `finalAttempt`: the queue will not try again, so a failure is recorded
 * as final. Signer data is read once for the batch, through the CSV's reader.
 */
export async function sendIntegrationDeliveries(ids: number[], finalAttempt = false): Promise<Promise<string>[]> {
  const rows = await loadDeliveries(ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const first = rows[0];
  const signerIds = [...new Set(rows.map((r) => r.signatureId).filter((x): x is number => x !== null))];
  const signers = first && signerIds.length ? await readSigners(first.petitionId, { ids: signerIds, limit: signerIds.length }) : [];
  const signerById = new Map(signers.map((s) => [s.id, s]));
  return settleWithin(ids, { width: 1, budgetMs: JOB_BUDGET_MS }, async (id) => {
    const row = byId.get(id);
    if (!row || row.status !== 'pending' || !row.enabled) return 'skipped';
    if (row.waiting) throw new WaitingForEarlierEvent(id);
    return sendOne(row, row.signatureId !== null ? signerById.get(row.signatureId) : undefined, finalAttempt);
  });
}

async function sendOne(row: Loaded, signer: SignerRow | undefined, finalAttempt: boolean): Promise<string> {
  const petition: PetitionFacts = {
    slug: row.slug,
    title: row.title,
    url: getEnv().appUrl + localizedPath(row.language, `/p/${row.slug}`),
    signatureCount: row.count,
    atRisk: row.atRisk,
  };
  let answer: Answer | null = null;
  let error: string | null = null;
  let remoteRef: string | null = null;
  try {
    const secret = unseal(row.sealedSecret);
    if (row.kind === 'webhook') {
      const extra: Record<string, unknown> = { ...(row.data ?? {}) };
      if (row.signatureId !== null) extra.signature = signer ? signerPayload(signer, petition) : { opted_in: false };
      answer = await postWebhook(row.target, secret, `msg_${row.id}`, eventBody(row.type, row.occurredAt, petition, extra));
    } else {
      const sent = await sendToActionNetwork(row, signer, petition, secret);
      if (sent === 'nothing') {
        await recordAttempt(row, { ok: true, status: null, error: null, remoteRef: null, finalAttempt });
        return 'nothing to send';
      }
      answer = sent.answer;
      remoteRef = sent.remoteRef;
    }
  } catch (e) {
    error = e instanceof DestinationRefused ? e.message : e instanceof Error ? e.message.slice(0, 200) : 'failed';
  }
  const ok = answer !== null && answer.status >= 200 && answer.status < 300;
  await recordAttempt(row, { ok, status: answer?.status ?? null, error, remoteRef, finalAttempt });
  if (!ok) throw new DeliveryFailed(error ?? `HTTP ${answer?.status}`);
  return 'delivered';
}

/** What Action Network gets: a consenting signer's signature, or the mark on one it recorded; nothing for anyone else. */
async function sendToActionNetwork(row: Loaded, signer: SignerRow | undefined, petition: PetitionFacts, apiKey: string) {
  if (row.type === 'signature.confirmed') {
    if (!signer || !mayCarryPersonalData(signer, petition)) return 'nothing' as const;
    const payload = signerPayload(signer, petition);
    if (!payload.opted_in) return 'nothing' as const;
    const answer = await pushSignature(row.target, apiKey, osdiSignatureBody(payload, petition.slug, row.questions ?? [], row.language));
    return { answer, remoteRef: signatureLinkOf(answer) };
  }
  if (row.type === 'signature.withdrawn' && row.signatureId !== null) {
    const d = integrationDeliveries;
    const [recorded] = await getDb()
      .select({ ref: d.remoteRef })
      .from(d)
      .where(and(eq(d.endpointId, row.endpointId), eq(d.signatureId, row.signatureId), eq(d.type, 'signature.confirmed'), sql`${d.remoteRef} is not null`))
      .orderBy(sql`${d.id} desc`)
      .limit(1);
    if (!recorded?.ref) return 'nothing' as const;
    return { answer: await markWithdrawn(recorded.ref, apiKey, row.occurredAt), remoteRef: null };
  }
  return 'nothing' as const;
}
