import 'server-only';
import { and, eq, fillPlaceholders, gt, inArray, isNull, or, sql, type Column, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { compileQuery, getDb } from '@/db/client';
import {
  allowedEmailDomains,
  newReferralCode,
  petitionKeys,
  petitionTranslations,
  petitions,
  signatureEmailOutbox,
  signatureTokens,
  signatures,
  type SignatureConsent,
} from '@/db/schema';
import { queueEventsFrom } from '@/lib/integrations/events';
import { signatureEmailJob } from '@/lib/jobs/jobs';
import { isAllowedRegistrableDomain, refreshIpListsSoon, type CallerKeys } from '@/lib/moderation/ip-lists';
import { isDatabaseUnavailable, isDatabaseUnreachable } from '@/db/health';
import { batchConcurrentCalls } from '@/lib/batching/batch-concurrent-calls';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { addToSignatureCounts, columnList, columnName, effectiveStatus, pickCounterShard, signatureCountOf } from '@/lib/petitions/fragments';
import { MAX_EMAILS_PER_SIGNATURE, RESEND_INTERVAL_SECONDS, SILENCED_REASONS } from './email-limits';
import { unwrapPetitionKey } from '@/lib/privacy/petition-keys';
import { openSignerField, type SealedSigner } from '@/lib/privacy/signer-fields';
import type { SignatureInput } from './schemas';

// The signature statements whose shape is the point, each one statement (one round trip), written in
// SQL over the schema's tables and columns so that renaming a column fails the type check here:
// signing, confirming, withdrawing, another email, and the email batch's read with its links. The
// hot ones (signing, confirming, the email batch) are built once and run prepared (preparedStatement).
// Ordinary reads and writes of signatures use the query builder in the files beside this one.

type SignatureStatus = (typeof signatures.$inferSelect)['status'];

// The petition at a public address, in a statement that reads it as a subquery named so. Raw SQL
// renders an alias by its name alone, hence `from ${petitionBySlug(slug)} found`.
const found = alias(petitions, 'found');

/**
 * A hot statement, built from the schema and rendered once per process, then run prepared (parsed
 * once per connection, as db/client.ts's executePrepared does; behind a transaction pooler the pool
 * prepares nothing) with its values filled into named
 * placeholders: building a statement of this size from the schema's columns costs more CPU than
 * PostgreSQL spends running it (~1 ms for signing), where filling in its values costs microseconds.
 * `build` names each value with the `value` it is given, typed by `Values`.
 */
function preparedStatement<Row, Values extends Record<string, unknown>>(build: (value: (name: keyof Values & string) => Placeholder) => SQL) {
  let compiled: { text: string; params: unknown[] } | undefined;
  return async (values: Values): Promise<Row[]> => {
    compiled ??= compileQuery(build((name) => sql.placeholder(name)));
    const params = fillPlaceholders(compiled.params, values) as never[];
    return (await getDb().$client.unsafe(compiled.text, params, { prepare: true })) as unknown as Row[];
  };
}

/**
 * The signature a token was mailed for, as a subquery (for `=` in a statement or the builder): the
 * token with this hash and purpose, unexpired. A primary-key probe.
 */
export function signatureOfToken(hash: Buffer | Placeholder, purpose: 'confirm' | 'manage') {
  const t = signatureTokens;
  return getDb()
    .select({ signatureId: t.signatureId })
    .from(t)
    .where(and(eq(t.tokenHash, hash), eq(t.purpose, purpose), gt(t.expiresAt, sql`now()`)));
}

/**
 * SQL (boolean): whether the petition accepts confirmations: open, or closed less than a day ago
 * (signatures made before it closed may still be confirmed for a day).
 */
export function acceptsConfirmation(p: { status: SQLWrapper; closedAt: SQLWrapper } = petitions): SQL<boolean> {
  return sql<boolean>`(${p.status} = 'open' or (${p.status} = 'closed' and ${p.closedAt} > now() - interval '24 hours'))`;
}

/** SQL (boolean): whether the suspicion reason in `reason` means no email (the reasons are constants). */
function silencedReason(reason: SQLWrapper): SQL<boolean> {
  return sql<boolean>`coalesce(${reason} in (${sql.raw(SILENCED_REASONS.map((r) => `'${r}'`).join(', '))}), false)`;
}

/** `col = excluded.col` for each column, for an upsert's `do update set`. */
function setFromExcluded(...columns: Column[]): SQL {
  return sql.join(
    columns.map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`),
    sql`, `,
  );
}

/** What the signing statement found: the petition (none: no such public petition), and whether a signature was written. */
export type SignRow = {
  petitionId: string;
  /** The petition's current public address (the one signed may be an address it was renamed from). */
  slug: string;
  status: 'draft' | 'open' | 'closed';
  recorded: boolean;
  reason: string | null;
  atRisk: boolean;
};

/** A validated signature as the signing statement stores it: its personal fields sealed, its keys hashed. */
export type SignatureRecord = Omit<SignatureInput, 'name' | 'email' | 'postcode' | 'comment'> & {
  /** The petition whose data key sealed the fields: the statement records nothing if the address now names another. */
  petitionId: string;
  sealed: SealedSigner;
  /** Keyed hashes of the name's whole words (lib/privacy/keyed-hashes.ts). */
  nameWords: string[];
  /** The signature's key on its petition: `h:` and the email hash's hex (./email-hash.ts). */
  signatureKey: string;
  /** The canonical email's domain, for the per-domain limit and the domain lists. */
  domain: string;
  /** Its registrable domain (`email_domain`), for the limits and bulk rules. */
  emailDomain: string;
  /** The caller's keyed IP hashes and list matches (lib/moderation/ip-lists.ts). */
  keys: CallerKeys;
  /** The canonical email's keyed hash (./email-hash.ts): every signature is keyed by it, never by the address. */
  emailHash: Buffer;
  /** Consents given, per purpose, without their time (the statement's `now()`); null for none. */
  consents?: ConsentsGiven | null;
};

/** Consents as signing records them: per purpose, the exact text shown and its language (see lib/signatures/sign.ts consentsGiven). */
export type ConsentsGiven = Partial<Record<'updates' | 'partner', Omit<SignatureConsent, 'givenAt'>>>;

/** One signing call; `domainCounted`: its domain turned out to be counted by the per-domain limit (kept apart by it when run again). */
type SignCall = { slug: string; s: SignatureRecord; domainCounted?: boolean };

/** Whether a call is kept apart from others at its registrable email domain (the `d` key below). */
const domainKeyed = (c: SignCall) => c.domainCounted === true || !isAllowedRegistrableDomain(c.s.emailDomain);

const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);

/** One signature as a row of the signing statement's input (`signInput`'s columns; bytea travels as hex). */
function inputRow(ord: number, s: SignatureRecord, domainKeyed: boolean) {
  const { keys } = s;
  return {
    ord,
    domain_keyed: domainKeyed,
    honeypot: s.website ? 'honeypot' : null,
    ip_hash: hex(keys.ipHash),
    network_hash: hex(keys.networkHash),
    budget_hash: hex(keys.budgetHash),
    blocked: keys.blocked,
    allowed: keys.allowed,
    domain: s.domain,
    email_domain: s.emailDomain,
    sealed_name: hex(s.sealed.sealedName),
    sealed_email: hex(s.sealed.sealedEmail),
    sealed_postcode: hex(s.sealed.sealedPostcode),
    sealed_comment: hex(s.sealed.sealedComment),
    name_words: s.nameWords,
    signature_key: s.signatureKey,
    email_hash: hex(s.emailHash),
    country: s.country,
    show_name: s.showName,
    updates: s.updates,
    locale: s.locale,
    source: s.source ?? null,
    ref: s.ref ?? null,
    answers: s.answers ?? null,
    consents: s.consents ?? null,
  };
}

// Concurrent signatures of one petition share one statement (and one commit): at a surge's rate the
// per-statement work (a round trip, parse and bind, the executor's start, the commit's WAL flush)
// costs more than a signature's own rows (bench/RESULTS.md: signing 389 → 948/s on one machine).
// Signatures that one limit counts together never share a statement and, within this process, run
// one after another (lib/batching), since the checks in one statement do not see each other's rows:
// the same signer or IP on the petition (its signature key, the per-IP limits; not an allowed shared
// range, which those limits exempt), the same network (the email budget, across petitions) and the
// same registrable email domain on the petition (the per-domain limit, which counts every address
// under it), unless that registrable domain is exempt on the allow list as this instance last read it
// (every 15 s). Should the database's list no longer exempt it (an admin changed it elsewhere
// meanwhile), the statement records nothing and says which signatures, and those run again one at a
// time, kept apart by their domain, while the lists are read again. So the limits count a
// flood arriving at one instance exactly as if it came one by one; across instances, concurrent
// statements race as they always did (a few signatures over a limit at most). Quiet, each signature
// runs at once on its own; two batches at most run together per instance (one forms while the other
// runs: 870–949 signatures/s here against 798–846 with three or four), up to 64 signatures each.
const signInBatches = batchConcurrentCalls<SignCall, SignRow | null>({
  groupOf: ({ slug, s }) => `${s.petitionId} ${slug}`,
  keysOf: (call) => {
    const { s } = call;
    const keys = [`s ${s.petitionId} ${s.signatureKey}`];
    if (s.keys.ipHash && !s.keys.allowed) keys.push(`i ${s.petitionId} ${s.keys.ipHash.toString('hex')}`);
    if (s.keys.budgetHash) keys.push(`b ${s.keys.budgetHash.toString('hex')}`);
    if (domainKeyed(call)) keys.push(`d ${s.petitionId} ${s.emailDomain}`);
    return keys;
  },
  // The database unreachable: every waiting signature answers 503 now, instead of each trying in turn.
  // A connection lost mid-statement: that batch answers 503 (it may have committed: not run again).
  failureOf: (err) => (isDatabaseUnreachable(err) ? 'all' : isDatabaseUnavailable(err) ? 'batch' : 'retry'),
  maxInFlight: 2,
  maxBatch: 64,
  maxWaiting: 10_000,
  // Past this a client has usually given up (and would sign again); 503 + Retry-After instead.
  maxWaitMs: 10_000,
  run: async (calls) => {
    const { slug, s } = calls[0]!;
    const rows = await signStatement({ slug, petitionId: s.petitionId, rows: JSON.stringify(calls.map((c, i) => inputRow(i, c.s, domainKeyed(c)))) });
    const byOrd = new Map(rows.map(({ ord, ...row }) => [ord, row]));
    const unkept = rows.filter((r) => r.domainUnkept);
    if (unkept.length > 0) {
      for (const r of unkept) calls[r.ord]!.domainCounted = true;
      refreshIpListsSoon();
      throw new Error('a signature at a domain the per-domain limit counts was not kept apart by it: running the batch one by one');
    }
    return calls.map((_, i) => {
      const row = byOrd.get(i);
      return row ? { petitionId: row.petitionId, slug: row.slug, status: row.status, recorded: row.recorded, reason: row.reason, atRisk: row.atRisk } : null;
    });
  },
});

/**
 * Signs the open petition at `slug` (the abuse checks, `signature_suspicion()`; the signature, a new
 * row or a withdrawn one signed anew, a live one left as it is; its email in the outbox unless
 * silenced or beyond the network's budget; links mailed before a withdrawal stop confirming), in one
 * prepared statement shared with the concurrent signatures it cannot affect (see signInBatches).
 * Null when there is no such petition.
 */
export async function insertSignature(slug: string, s: SignatureRecord): Promise<SignRow | null> {
  return signInBatches({ slug, s });
}

type SignStatementRow = SignRow & { ord: number; domainUnkept: boolean };

const signStatement = preparedStatement<SignStatementRow, { slug: string; petitionId: string; rows: string }>((v) => {
  const sg = signatures;
  return sql`
    with p (id, slug, status, at_risk) as (
      -- The petition at this address, or the one renamed from it (a form left open before the rename).
      select ${found.id}, ${found.slug}, ${effectiveStatus(found)}, ${found.atRiskAt} is not null
      from ${petitionBySlug(v('slug'))} found where ${found.hiddenAt} is null
    ),
    -- The batch's signatures, one row each (bytea as hex).
    i as (
      select * from jsonb_to_recordset(${v('rows')}::jsonb) as i(
        ord int, domain_keyed boolean, honeypot text, ip_hash text, network_hash text, budget_hash text, blocked boolean, allowed boolean,
        domain text, email_domain text, sealed_name text, sealed_email text, sealed_postcode text, sealed_comment text,
        name_words text[], signature_key text, email_hash text, country text, show_name boolean, updates boolean,
        locale text, source text, ref text, answers jsonb, consents jsonb)
    ),
    -- Signatures at a registrable domain that the per-domain limit counts must not run beside each
    -- other (their checks would not see each other's rows): the app keeps them apart unless its copy
    -- of the allow list exempts the domain. A signature it did not keep apart whose domain the list no
    -- longer exempts makes this statement record nothing; the app runs those again, kept apart.
    unkept (ord) as (
      select i.ord from i
      where not i.domain_keyed and i.email_domain is not null
        and not exists (select 1 from ${allowedEmailDomains} where ${allowedEmailDomains.domain} = i.email_domain)
    ),
    shared (found) as (select exists (select 1 from unkept)),
    -- Limits and lists (signature_suspicion, in the database so they hold across instances and
    -- change without a deploy). A match is silent: the signer sees the usual answer, but the
    -- signature is held back from the count for review.
    v (ord, reason) as (
      select i.ord, coalesce(i.honeypot, signature_suspicion(p.id, decode(i.ip_hash, 'hex'), i.blocked, i.allowed, i.domain, i.email_domain))
      from p, shared, i where p.status = 'open' and p.id = ${v('petitionId')}::uuid and not shared.found
    ),
    -- A signature withdrawn earlier is made anew (the same row: the address is its key), pending
    -- until its new confirmation; a live one is left as it is and gets the repeat email instead.
    ins (id, signature_key, reason) as (
      insert into ${sg} ${columnList(
        sg.petitionId,
        sg.sealedName,
        sg.sealedEmail,
        sg.canonicalEmail,
        sg.emailDomain,
        sg.emailHost,
        sg.country,
        sg.sealedPostcode,
        sg.sealedComment,
        sg.nameWords,
        sg.showName,
        sg.wantsUpdates,
        sg.locale,
        sg.source,
        sg.referredBy,
        sg.ipHash,
        sg.ipNetworkHash,
        sg.suspectedAt,
        sg.suspectReason,
        sg.emailHash,
        sg.answers,
        sg.consents,
      )}
      -- Every signature is keyed by the address's keyed hash, never the address, and its personal fields
      -- arrive sealed (lib/privacy). An at-risk petition offers neither a public name nor updates (nothing
      -- is kept to send them: the address goes at confirmation).
      select p.id, decode(i.sealed_name, 'hex'), decode(i.sealed_email, 'hex'), i.signature_key,
             i.email_domain, i.domain, i.country, decode(i.sealed_postcode, 'hex'), decode(i.sealed_comment, 'hex'), i.name_words,
             i.show_name and not p.at_risk, i.updates and not p.at_risk, i.locale, i.source,
             -- Who brought whom is not recorded on an at-risk petition: it would link its signers to each other.
             case when not p.at_risk then i.ref end,
             decode(i.ip_hash, 'hex'), decode(i.network_hash, 'hex'),
             case when v.reason is not null then now() end, v.reason,
             decode(i.email_hash, 'hex'),
             -- Answers stay until confirmation on an at-risk petition (setWhenAtRisk); consent to be
             -- contacted is never taken there. Each consent is timed by this statement.
             i.answers,
             case when not p.at_risk then (select jsonb_object_agg(c.key, c.value || jsonb_build_object('givenAt', now()))
                                           from jsonb_each(i.consents) c) end
      from p, v join i on i.ord = v.ord where p.status = 'open'
      -- One order for every batch (by key): two batches meeting on the same signers wait, never deadlock.
      order by i.signature_key
      on conflict ${columnList(sg.petitionId, sg.canonicalEmail)} do update
        set ${setFromExcluded(
          sg.sealedName,
          sg.sealedEmail,
          sg.emailDomain,
          sg.emailHost,
          sg.country,
          sg.sealedPostcode,
          sg.sealedComment,
          sg.nameWords,
          sg.showName,
          sg.wantsUpdates,
          sg.locale,
          sg.source,
          sg.referredBy,
          sg.ipHash,
          sg.ipNetworkHash,
          sg.suspectedAt,
          sg.suspectReason,
          sg.answers,
          sg.consents,
        )},
            ${columnName(sg.status)} = 'pending', ${columnName(sg.createdAt)} = now(), ${columnName(sg.confirmedAt)} = null,
            ${columnName(sg.withdrawnAt)} = null, ${columnName(sg.unsubscribedAt)} = null, ${columnName(sg.commentHiddenAt)} = null,
            ${columnName(sg.emailsSent)} = 1, ${columnName(sg.lastEmailedAt)} = now()
        where ${sg.status} = 'withdrawn'
      returning ${sg.id}, ${sg.canonicalEmail}, ${sg.suspectReason}
    ),
    -- The confirmation email goes through the outbox (the worker queues it in batches): it commits
    -- with the signature, at a fraction of the cost of queueing a job here. None for a signature held
    -- by the honeypot or a block list, nor beyond the network's email budget (email_budget_take,
    -- evaluated last: it records the email it allows).
    mail as (
      insert into ${signatureEmailOutbox} ${columnList(signatureEmailOutbox.signatureId)}
      -- The budget's locks are taken in one order (by network) by every batch: batches meeting on a network wait, never deadlock.
      select id from (select ins.id, ins.reason, i.budget_hash from ins join i on i.signature_key = ins.signature_key order by i.budget_hash) o
      where case when ${silencedReason(sql`o.reason`)} then false
                 else email_budget_take(decode(o.budget_hash, 'hex')) end
      on conflict ${columnList(signatureEmailOutbox.signatureId)} do nothing
    ),
    -- Links mailed for the signature before its withdrawal confirm nothing of the new one (whose
    -- name and comment may be someone else's): only the new email's link does. A new row has none.
    stale as (delete from ${signatureTokens} using ins where ${signatureTokens.signatureId} = ins.id and ${signatureTokens.purpose} = 'confirm')
    select i.ord, p.id as "petitionId", p.slug, p.status, i.ord in (select ord from unkept) as "domainUnkept",
           exists (select 1 from ins where ins.signature_key = i.signature_key) as recorded, v.reason, p.at_risk as "atRisk"
    from p cross join shared cross join i left join v on v.ord = i.ord`;
});

/** What the confirming statement found: the signature's status before it, whether it counted now, its petition and referrals. */
export type ConfirmRow = {
  status: SignatureStatus;
  counted: number;
  slug: string;
  title: string;
  /** Null on an at-risk petition: its signers share no referral code. */
  referralCode: string | null;
  signatureCount: number;
  referrals: number;
};

/**
 * `column = …` for each personal column of a signature, cleared where `atRisk` holds and kept as it is
 * otherwise: what an at-risk petition removes once a signature is confirmed (the canonical email is
 * already the keyed hash there). Marks the row anonymised, as the retention purges do.
 */
export function setWhenAtRisk(atRisk: SQL<boolean>): SQL {
  const sg = signatures;
  const cleared: [Column, SQL][] = [
    [sg.sealedName, sql`null`],
    [sg.sealedEmail, sql`null`],
    [sg.nameWords, sql`null`],
    [sg.emailDomain, sql`null`],
    [sg.emailHost, sql`null`],
    [sg.sealedPostcode, sql`null`],
    [sg.sealedComment, sql`null`],
    [sg.ipHash, sql`null`],
    [sg.ipNetworkHash, sql`null`],
    [sg.showName, sql`false`],
    [sg.wantsUpdates, sql`false`],
    [sg.answers, sql`null`],
    [sg.consents, sql`null`],
    // Who brought whom, and the code the signer's shared links carried (a fresh random one replaces it:
    // a link seen in someone's messages then finds no row).
    [sg.referredBy, sql`null`],
    [sg.referralCode, newReferralCode],
    [sg.anonymisedAt, sql`coalesce(${sg.anonymisedAt}, now())`],
  ];
  return sql.join(
    cleared.map(([c, value]) => sql`${columnName(c)} = case when ${atRisk} then ${value} else ${c} end`),
    sql`, `,
  );
}

/**
 * Confirms the pending signature the token was mailed for (held instead when suspect) if its petition
 * accepts confirmations, counts it, and reads the new count and the signer's referrals, in one
 * prepared statement; on an at-risk petition the same statement removes the signer's personal data
 * and links. Null for no such token.
 */
export async function confirmByToken(hash: Buffer): Promise<ConfirmRow | null> {
  const rows = await confirmStatement({ hash, shard: pickCounterShard() });
  return rows[0] ?? null;
}

const confirmStatement = preparedStatement<ConfirmRow, { hash: Buffer; shard: number }>((v) => {
  const sg = signatures;
  const p = petitions;
  return sql`
    with t (signature_id) as (${signatureOfToken(v('hash'), 'confirm')}),
    -- A suspect signature (a limit or a list matched when it was made) is confirmed as 'held':
    -- the signer sees the same thanks, and it is counted only if a reviewer releases it.
    -- At-risk petitions keep nothing that names a confirmed signer: the name, the address (its keyed
    -- hash is the key already), the postcode, the comment, the IP hashes and the links go now, in this
    -- statement; the country, the confirmation time and the source stay, so the counts stay exact.
    s (id, petition_id, status, at_risk) as (
      update ${sg}
      set ${columnName(sg.status)} = case when ${sg.suspectedAt} is null then 'confirmed'::signature_status else 'held'::signature_status end,
          ${columnName(sg.confirmedAt)} = now(),
          ${setWhenAtRisk(sql`${p.atRiskAt} is not null`)}
      from ${p}
      where ${sg.id} = (select signature_id from t) and ${sg.status} = 'pending'
        and ${p.id} = ${sg.petitionId} and ${acceptsConfirmation(p)}
      returning ${sg.id}, ${sg.petitionId}, ${sg.status}, ${p.atRiskAt} is not null
    ),
    links_gone as (delete from ${signatureTokens} using s where s.at_risk and ${signatureTokens.signatureId} = s.id),
    counted as (
      ${addToSignatureCounts(sql`select petition_id, 1 from s where s.status = 'confirmed'`, v('shard'))}
      returning 1
    ),
    -- Webhooks and Action Network: one narrow outbox row, only when the petition has an endpoint for it.
    hooked as (${queueEventsFrom(sql`select petition_id, id, null::jsonb from s where s.status = 'confirmed'`, 'signature.confirmed')}),
    r (status, counted, petition_id, slug, title, referral_code) as (
      -- An at-risk petition's signers get no referral code to share (nothing records who came through it).
      select ${sg.status}, (select count(*) from s)::int, ${p.id}, ${p.slug}, ${p.title}, case when ${p.atRiskAt} is null then ${sg.referralCode} end
      from t join ${sg} on ${sg.id} = t.signature_id join ${p} on ${p.id} = ${sg.petitionId}
    )
    -- One round trip for the answer too. The statement reads the rows as they were before it: the
    -- count adds this confirmation itself, and the signer's referrals never include their own.
    select r.status, r.counted, r.slug, r.title, r.referral_code as "referralCode",
      (${signatureCountOf(sql`r.petition_id`)} + (select count(*) from counted))::int as "signatureCount",
      (select count(*) from ${sg} where ${sg.petitionId} = r.petition_id and ${sg.referredBy} = r.referral_code and ${sg.status} = 'confirmed')::int as referrals
    from r`;
});

/**
 * Withdraws the live signature the signer's-page token belongs to (not one already anonymised): it
 * stops counting at once (the count goes down if it was counted) and gets no more email. One
 * statement; false for no such signature. Withdrawing twice changes nothing more.
 */
export async function withdrawByToken(hash: Buffer): Promise<boolean> {
  const sg = signatures;
  const rows = await getDb().execute<{ found: boolean }>(sql`
    with target (id, petition_id, status) as (
      select ${sg.id}, ${sg.petitionId}, ${sg.status} from ${sg}
      where ${sg.id} = ${signatureOfToken(hash, 'manage')} and ${sg.anonymisedAt} is null
      for update
    ),
    upd (petition_id, was) as (
      update ${sg} set ${columnName(sg.status)} = 'withdrawn', ${columnName(sg.withdrawnAt)} = now(),
        ${columnName(sg.unsubscribedAt)} = coalesce(${sg.unsubscribedAt}, now())
      from target where ${sg.id} = target.id and target.status in ('pending', 'confirmed', 'held')
      returning target.petition_id, target.status
    ),
    uncounted as (${addToSignatureCounts(sql`select petition_id, -1 from upd where was = 'confirmed'`)}),
    -- Only a confirmed signature was ever announced: its withdrawal is, in the same order.
    hooked as (${queueEventsFrom(sql`select upd.petition_id, target.id, null::jsonb from upd join target on target.petition_id = upd.petition_id where upd.was = 'confirmed'`, 'signature.withdrawn')})
    select exists (select 1 from target) as found`);
  return rows[0]?.found === true;
}

/**
 * Queues another email about the live signature keyed `signatureKey` (the keyed hash of its canonical
 * email, ./email-hash.ts) on the petition (by id, or at a public address), in one statement: only
 * while its address is kept (an at-risk signature's goes at confirmation), only when its last email is `RESEND_INTERVAL_SECONDS` old, under
 * `MAX_EMAILS_PER_SIGNATURE`, not silenced, and within the network's email budget (taken last, so it
 * records only the email it allows). Concurrent repeats queue on the row; one passes.
 */
export async function queueAnotherEmail(petition: { id: string } | { slug: string }, signatureKey: string, budgetHash: Buffer | null): Promise<void> {
  const sg = signatures;
  const petitionId = 'id' in petition ? sql`${petition.id}::uuid` : sql`(select ${found.id} from ${petitionBySlug(petition.slug)} found)`;
  await getDb().execute(sql`
    with s (id) as (
      select ${sg.id} from ${sg}
      where ${sg.petitionId} = ${petitionId}
        and ${sg.canonicalEmail} = ${signatureKey}
        and ${sg.status} in ('pending', 'confirmed', 'held')
        and ${sg.sealedEmail} is not null
        and not ${silencedReason(sg.suspectReason)}
        and ${sg.emailsSent} < ${MAX_EMAILS_PER_SIGNATURE}
        and ${sg.lastEmailedAt} <= now() - ${`${RESEND_INTERVAL_SECONDS} seconds`}::interval
      -- Concurrent repeats queue here; each re-reads the row, so one of them passes the interval.
      for update
    ),
    -- Asked only for a signature that may be mailed (the budget records the email it allows).
    allowed as (select id from s where email_budget_take(${budgetHash}::bytea)),
    sent (id) as (
      update ${sg} set ${columnName(sg.emailsSent)} = ${sg.emailsSent} + 1, ${columnName(sg.lastEmailedAt)} = now()
      from allowed where ${sg.id} = allowed.id
      returning ${sg.id}
    )
    select ${signatureEmailJob(sql`sent.id`)} from sent`);
}

/** A signature as its email needs it: the title in the language the signer signed in, if translated. */
export type SignatureEmailRow = {
  id: number;
  name: string;
  email: string;
  locale: string;
  status: SignatureStatus;
  slug: string;
  title: string;
  stopped: boolean;
  /** The petition is in at-risk mode: a neutral email, and none once confirmed (no address is kept). */
  atRisk: boolean;
};

/** The keyed hashes of one signature's fresh links (hex), stored by readSignatureEmails. */
export type LinkHashes = { id: number; c: string; m: string };

/**
 * The signatures of a batch of emails, read and their links stored in one prepared statement: both
 * links while a signature is pending, only the signer's page once confirmed or held, none when they
 * stopped emails. The statement's text is the same for any batch (the ids and hashes travel as one
 * parameter each).
 */
export async function readSignatureEmails(
  signatureIds: number[],
  hashes: LinkHashes[],
  days: { confirm: number; manage: number },
): Promise<SignatureEmailRow[]> {
  const rows = await signatureEmailsStatement({
    ids: `{${signatureIds.join(',')}}`,
    hashes: JSON.stringify(hashes),
    confirmDays: days.confirm,
    manageDays: days.manage,
  });
  // bigint arrives as text from postgres.js; the name and address are opened here, under the petition
  // keys the statement read with them (cached after the first): no query more.
  return rows.map(({ sealedName, sealedEmail, petitionId, signatureKey, keyId, wrappedKey, ...r }) => {
    const binding = { petitionId, signatureKey };
    const key = keyId && wrappedKey ? unwrapPetitionKey(petitionId, keyId, wrappedKey) : null;
    return {
      ...r,
      id: Number(r.id),
      // '' where no address is kept (an at-risk signature once confirmed, an anonymised one).
      name: key ? (openSignerField(key, binding, 'name', sealedName) ?? '') : '',
      email: key ? (openSignerField(key, binding, 'email', sealedEmail) ?? '') : '',
    };
  });
}

type SealedEmailRow = Omit<SignatureEmailRow, 'id' | 'name' | 'email'> & {
  id: string;
  sealedName: Buffer | null;
  sealedEmail: Buffer | null;
  petitionId: string;
  signatureKey: string;
  keyId: string | null;
  wrappedKey: Buffer | null;
};

const signatureEmailsStatement = preparedStatement<SealedEmailRow, { ids: string; hashes: string; confirmDays: number; manageDays: number }>((v) => {
  const sg = signatures;
  const p = petitions;
  const t = petitionTranslations;
  const tk = signatureTokens;
  return sql`
    with s (id, sealed_name, sealed_email, locale, status, slug, stopped, title, at_risk, petition_id, signature_key, key_id, wrapped_key) as (
      select ${sg.id}, ${sg.sealedName}, ${sg.sealedEmail}, ${sg.locale}, ${sg.status}, ${p.slug}, ${sg.unsubscribedAt} is not null, coalesce(${t.title}, ${p.title}),
             ${p.atRiskAt} is not null, ${sg.petitionId}, ${sg.canonicalEmail}, ${petitionKeys.keyId}, ${petitionKeys.wrappedKey}
      from ${sg} join ${p} on ${p.id} = ${sg.petitionId}
      left join ${petitionKeys} on ${petitionKeys.petitionId} = ${p.id}
      -- The title as the signer read it: the translation in the language they signed in, if any.
      left join ${t} on ${t.petitionId} = ${p.id} and ${t.language} = ${sg.locale}
      where ${sg.id} = any(${v('ids')}::bigint[])
    ),
    issued as (
      insert into ${tk} ${columnList(tk.tokenHash, tk.signatureId, tk.purpose, tk.expiresAt)}
      select decode(v.hash, 'hex'), s.id, v.purpose, now() + v.days * interval '1 day'
      from s
      join jsonb_to_recordset(${v('hashes')}::jsonb) as l(id bigint, c text, m text) on l.id = s.id
      cross join lateral (values (l.c, 'confirm', ${v('confirmDays')}::int), (l.m, 'manage', ${v('manageDays')}::int)) as v(hash, purpose, days)
      where not s.stopped and s.sealed_email is not null
        and ((v.purpose = 'confirm' and s.status = 'pending') or (v.purpose = 'manage' and s.status in ('pending', 'confirmed', 'held')))
    )
    select id, sealed_name as "sealedName", sealed_email as "sealedEmail", locale, status, slug, title, stopped, at_risk as "atRisk",
           petition_id as "petitionId", signature_key as "signatureKey", key_id as "keyId", wrapped_key as "wrappedKey"
    from s`;
});

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** A signature of a petition being switched to at-risk mode: still keyed by its address (no hash: made before 0032), or confirmed with its data. */
export type UnkeyedSignature = { id: number; canonicalEmail: string; emailHash: Buffer | null };

/**
 * Up to `limit` signatures of the petition after `afterId` (by id), not anonymised, still keyed by
 * their address (no email hash) or confirmed or held: what switching the petition to at-risk mode
 * has left to re-key or to clear.
 */
export async function unkeyedSignatures(db: Tx | ReturnType<typeof getDb>, petitionId: string, afterId: number, limit: number): Promise<UnkeyedSignature[]> {
  const sg = signatures;
  const rows = await db
    .select({ id: sg.id, canonicalEmail: sg.canonicalEmail, emailHash: sg.emailHash })
    .from(sg)
    .where(and(eq(sg.petitionId, petitionId), gt(sg.id, afterId), or(isNull(sg.emailHash), inArray(sg.status, ['confirmed', 'held'])), isNull(sg.anonymisedAt)))
    .orderBy(sg.id)
    .limit(limit);
  return rows;
}

/**
 * Re-keys signatures of a petition switched to at-risk mode by their address's keyed hash (given per
 * id, `key` its `h:` form), in one statement: each keeps the hash, no public name and no updates; a
 * confirmed or held one also loses its personal data and links now, as confirming does on such a
 * petition (a pending one keeps its address until it is confirmed or its link expires). Returns how
 * many lost their personal data.
 */
export async function keyByEmailHash(db: Tx | ReturnType<typeof getDb>, rows: { id: number; hash: Buffer; key: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const sg = signatures;
  const t = signatureTokens;
  const [row] = await db.execute<{ n: number }>(sql`
    with v (id, hash, key) as (
      select * from unnest(${`{${rows.map((r) => r.id).join(',')}}`}::bigint[], ${`{${rows.map((r) => r.hash.toString('hex')).join(',')}}`}::text[],
                           ${`{${rows.map((r) => r.key).join(',')}}`}::text[])
    ),
    upd (id, cleared) as (
      update ${sg}
      set ${columnName(sg.emailHash)} = decode(v.hash, 'hex'), ${columnName(sg.canonicalEmail)} = v.key,
          ${setWhenAtRisk(sql`${sg.status} in ('confirmed', 'held')`)}
      from v where ${sg.id} = v.id
      returning ${sg.id}, ${sg.anonymisedAt} is not null
    ),
    links_gone as (delete from ${t} using upd where upd.cleared and ${t.signatureId} = upd.id)
    select (count(*) filter (where cleared))::int as n from upd`);
  return row?.n ?? 0;
}
