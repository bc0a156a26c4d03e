import 'server-only';
import { and, eq, fillPlaceholders, gt, sql, type Column, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { compileQuery, getDb } from '@/db/client';
import { petitionTranslations, petitions, signatureEmailOutbox, signatureTokens, signatures } from '@/db/schema';
import { signatureEmailJob } from '@/lib/jobs/jobs';
import type { CallerKeys } from '@/lib/moderation/ip-lists';
import { petitionBySlug } from '@/lib/petitions/by-slug';
import { addToSignatureCounts, columnList, columnName, effectiveStatus, pickCounterShard, signatureCountOf } from '@/lib/petitions/fragments';
import { MAX_EMAILS_PER_SIGNATURE, RESEND_INTERVAL_SECONDS, SILENCED_REASONS } from './email-limits';
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
 * once per connection, as db/client.ts's executePrepared does) with its values filled into named
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
export type SignRow = { petitionId: string; status: 'draft' | 'open' | 'closed'; recorded: boolean; reason: string | null };

/** A validated signature as the signing statement stores it. */
export type SignatureRecord = SignatureInput & {
  canonicalEmail: string;
  /** The canonical email's domain, for the per-domain limit and the domain lists. */
  domain: string;
  /** Its registrable domain (`email_domain`), for the limits and bulk rules. */
  emailDomain: string;
  /** The caller's keyed IP hashes and list matches (lib/moderation/ip-lists.ts). */
  keys: CallerKeys;
};

/**
 * Signs the open petition at `slug` in one prepared statement: the abuse checks
 * (`signature_suspicion()`), the signature (a new row, or a withdrawn one signed anew; a live one is
 * left as it is) and its email in the outbox, unless silenced or beyond the network's budget; links
 * mailed before a withdrawal stop confirming. Null when there is no such petition.
 */
export async function insertSignature(slug: string, s: SignatureRecord): Promise<SignRow | null> {
  const { keys } = s;
  const rows = await signStatement({
    slug,
    honeypot: s.website ? 'honeypot' : null,
    ipHash: keys.ipHash,
    networkHash: keys.networkHash,
    budgetHash: keys.budgetHash,
    blocked: keys.blocked,
    allowed: keys.allowed,
    domain: s.domain,
    emailDomain: s.emailDomain,
    name: s.name,
    email: s.email,
    canonicalEmail: s.canonicalEmail,
    country: s.country,
    postcode: s.postcode ?? null,
    comment: s.comment ?? null,
    showName: s.showName,
    updates: s.updates,
    locale: s.locale,
    source: s.source ?? null,
    ref: s.ref ?? null,
  });
  return rows[0] ?? null;
}

type SignValues = {
  slug: string;
  honeypot: string | null;
  ipHash: Buffer | null;
  networkHash: Buffer | null;
  budgetHash: Buffer | null;
  blocked: boolean;
  allowed: boolean;
  domain: string;
  emailDomain: string;
  name: string;
  email: string;
  canonicalEmail: string;
  country: string;
  postcode: string | null;
  comment: string | null;
  showName: boolean;
  updates: boolean;
  locale: string;
  source: string | null;
  ref: string | null;
};

const signStatement = preparedStatement<SignRow, SignValues>((v) => {
  const sg = signatures;
  return sql`
    with p (id, status) as (
      -- The petition at this address, or the one renamed from it (a form left open before the rename).
      select ${found.id}, ${effectiveStatus(found)}
      from ${petitionBySlug(v('slug'))} found where ${found.hiddenAt} is null
    ),
    -- Limits and lists (signature_suspicion, in the database so they hold across instances and
    -- change without a deploy). A match is silent: the signer sees the usual answer, but the
    -- signature is held back from the count for review.
    v as (
      select coalesce(${v('honeypot')}::text,
                      signature_suspicion(p.id, ${v('ipHash')}::bytea, ${v('blocked')}, ${v('allowed')}, ${v('domain')}, ${v('emailDomain')})) as reason
      from p where p.status = 'open'
    ),
    -- A signature withdrawn earlier is made anew (the same row: the address is its key), pending
    -- until its new confirmation; a live one is left as it is and gets the repeat email instead.
    ins (id, reason) as (
      insert into ${sg} ${columnList(
        sg.petitionId,
        sg.name,
        sg.email,
        sg.canonicalEmail,
        sg.emailDomain,
        sg.country,
        sg.postcode,
        sg.comment,
        sg.showName,
        sg.wantsUpdates,
        sg.locale,
        sg.source,
        sg.referredBy,
        sg.ipHash,
        sg.ipNetworkHash,
        sg.suspectedAt,
        sg.suspectReason,
      )}
      select p.id, ${v('name')}, ${v('email')}, ${v('canonicalEmail')}, ${v('emailDomain')}, ${v('country')}, ${v('postcode')}, ${v('comment')},
             ${v('showName')}, ${v('updates')}, ${v('locale')}, ${v('source')}, ${v('ref')},
             ${v('ipHash')}::bytea, ${v('networkHash')}::bytea,
             case when v.reason is not null then now() end, v.reason
      from p, v where p.status = 'open'
      on conflict ${columnList(sg.petitionId, sg.canonicalEmail)} do update
        set ${setFromExcluded(
          sg.name,
          sg.email,
          sg.emailDomain,
          sg.country,
          sg.postcode,
          sg.comment,
          sg.showName,
          sg.wantsUpdates,
          sg.locale,
          sg.source,
          sg.referredBy,
          sg.ipHash,
          sg.ipNetworkHash,
          sg.suspectedAt,
          sg.suspectReason,
        )},
            ${columnName(sg.status)} = 'pending', ${columnName(sg.createdAt)} = now(), ${columnName(sg.confirmedAt)} = null,
            ${columnName(sg.withdrawnAt)} = null, ${columnName(sg.unsubscribedAt)} = null, ${columnName(sg.commentHiddenAt)} = null,
            ${columnName(sg.emailsSent)} = 1, ${columnName(sg.lastEmailedAt)} = now()
        where ${sg.status} = 'withdrawn'
      returning ${sg.id}, ${sg.suspectReason}
    ),
    -- The confirmation email goes through the outbox (the worker queues it in batches): it commits
    -- with the signature, at a fraction of the cost of queueing a job here. None for a signature held
    -- by the honeypot or a block list, nor beyond the network's email budget (email_budget_take,
    -- evaluated last: it records the email it allows).
    mail as (
      insert into ${signatureEmailOutbox} ${columnList(signatureEmailOutbox.signatureId)}
      select id from ins
      where case when ${silencedReason(sql`ins.reason`)} then false
                 else email_budget_take(${v('budgetHash')}::bytea) end
      on conflict ${columnList(signatureEmailOutbox.signatureId)} do nothing
    ),
    -- Links mailed for the signature before its withdrawal confirm nothing of the new one (whose
    -- name and comment may be someone else's): only the new email's link does. A new row has none.
    stale as (delete from ${signatureTokens} using ins where ${signatureTokens.signatureId} = ins.id and ${signatureTokens.purpose} = 'confirm')
    select p.id as "petitionId", p.status, exists (select 1 from ins) as recorded, (select reason from v) as reason from p`;
});

/** What the confirming statement found: the signature's status before it, whether it counted now, its petition and referrals. */
export type ConfirmRow = {
  status: SignatureStatus;
  counted: number;
  slug: string;
  title: string;
  referralCode: string;
  signatureCount: number;
  referrals: number;
};

/**
 * Confirms the pending signature the token was mailed for (held instead when suspect) if its petition
 * accepts confirmations, counts it, and reads the new count and the signer's referrals, in one
 * prepared statement. Null for no such token.
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
    s (petition_id, status) as (
      update ${sg}
      set ${columnName(sg.status)} = case when ${sg.suspectedAt} is null then 'confirmed'::signature_status else 'held'::signature_status end,
          ${columnName(sg.confirmedAt)} = now()
      from ${p}
      where ${sg.id} = (select signature_id from t) and ${sg.status} = 'pending'
        and ${p.id} = ${sg.petitionId} and ${acceptsConfirmation(p)}
      returning ${sg.petitionId}, ${sg.status}
    ),
    counted as (
      ${addToSignatureCounts(sql`select petition_id, 1 from s where s.status = 'confirmed'`, v('shard'))}
      returning 1
    ),
    r (status, counted, petition_id, slug, title, referral_code) as (
      select ${sg.status}, (select count(*) from s)::int, ${p.id}, ${p.slug}, ${p.title}, ${sg.referralCode}
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
    uncounted as (${addToSignatureCounts(sql`select petition_id, -1 from upd where was = 'confirmed'`)})
    select exists (select 1 from target) as found`);
  return rows[0]?.found === true;
}

/**
 * Queues another email about the live signature of `canonicalEmail` on the petition (by id, or at a
 * public address), in one statement: only when its last email is `RESEND_INTERVAL_SECONDS` old, under
 * `MAX_EMAILS_PER_SIGNATURE`, not silenced, and within the network's email budget (taken last, so it
 * records only the email it allows). Concurrent repeats queue on the row; one passes.
 */
export async function queueAnotherEmail(petition: { id: string } | { slug: string }, canonicalEmail: string, budgetHash: Buffer | null): Promise<void> {
  const sg = signatures;
  const petitionId = 'id' in petition ? sql`${petition.id}::uuid` : sql`(select ${found.id} from ${petitionBySlug(petition.slug)} found)`;
  await getDb().execute(sql`
    with s (id) as (
      select ${sg.id} from ${sg}
      where ${sg.petitionId} = ${petitionId}
        and ${sg.canonicalEmail} = ${canonicalEmail}
        and ${sg.status} in ('pending', 'confirmed', 'held')
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
  // bigint arrives as text from postgres.js.
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

const signatureEmailsStatement = preparedStatement<
  Omit<SignatureEmailRow, 'id'> & { id: string },
  { ids: string; hashes: string; confirmDays: number; manageDays: number }
>((v) => {
  const sg = signatures;
  const p = petitions;
  const t = petitionTranslations;
  const tk = signatureTokens;
  return sql`
    with s (id, name, email, locale, status, slug, stopped, title) as (
      select ${sg.id}, ${sg.name}, ${sg.email}, ${sg.locale}, ${sg.status}, ${p.slug}, ${sg.unsubscribedAt} is not null, coalesce(${t.title}, ${p.title})
      from ${sg} join ${p} on ${p.id} = ${sg.petitionId}
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
      where not s.stopped
        and ((v.purpose = 'confirm' and s.status = 'pending') or (v.purpose = 'manage' and s.status in ('pending', 'confirmed', 'held')))
    )
    select id, name, email, locale, status, slug, title, stopped from s`;
});
