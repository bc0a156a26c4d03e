import type postgres from 'postgres';
import type { AppKey } from '@/lib/env';
import { domainOf } from '@/lib/signatures/email-domain';
import { AT_RISK_KEY_PREFIX, atRiskEmailKey, emailHashOf } from '@/lib/signatures/email-hash';
import { nameWordHashes } from './keyed-hashes';
import { createDataKey, unwrapDataKey, wrapDataKey } from './seal';
import { sealSigner } from './signer-fields';

// The key maintenance statements: a petition's data key read or created, every data key rewrapped
// under a new application key (`npm run keys:rotate`), and the clear signer columns of a database
// migrated from before encryption sealed (`npm run keys:backfill`, also at every start). They take a
// postgres.js client and the keys as arguments, not the app's client and environment, because the
// commands, the migrator and the tests' fixtures run them outside the app (without `server-only`).

/** The application keys a process holds: the current one (wraps new keys) and, during a rotation, the previous. */
export type AppKeys = { current: AppKey; previous?: AppKey };

const appKeyNamed = (keys: AppKeys, id: string): AppKey => {
  if (keys.current.id === id) return keys.current;
  if (keys.previous?.id === id) return keys.previous;
  throw new Error(`Petition data key wrapped by application key "${id}": set it as DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_PREVIOUS`);
};

/**
 * The ids of application keys that wrap some petition's data key but that this process does not
 * hold (neither `current` nor `previous`): with any, those petitions' signers cannot be read or
 * signed for, so the app refuses to start rather than answer their requests with errors.
 */
export async function missingApplicationKeys(sql: postgres.Sql, keys: AppKeys): Promise<string[]> {
  const held = [keys.current.id, ...(keys.previous ? [keys.previous.id] : [])];
  const rows = await sql<{ key_id: string }[]>`select distinct key_id from petition_keys where key_id <> all(${held}::text[]) order by key_id`;
  return rows.map((r) => r.key_id);
}

/** The petition's data key, read and unwrapped, or created (wrapped by the current key) if it has none; concurrent creators agree on one. */
export async function readOrCreatePetitionKey(sql: postgres.Sql, petitionId: string, keys: AppKeys): Promise<Buffer> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row] = await sql<{ key_id: string; wrapped_key: Buffer }[]>`select key_id, wrapped_key from petition_keys where petition_id = ${petitionId}`;
    if (row) return unwrapDataKey(appKeyNamed(keys, row.key_id).key, row.key_id, petitionId, row.wrapped_key);
    const { id, key } = keys.current;
    await sql`insert into petition_keys (petition_id, key_id, wrapped_key)
              values (${petitionId}, ${id}, ${wrapDataKey(key, id, petitionId, createDataKey())}) on conflict do nothing`;
  }
  throw new Error(`No data key could be stored for petition ${petitionId}`);
}

/**
 * Rewraps every petition data key not yet under the current application key (unwrapped with the
 * previous one, or whichever of the two wrapped it), `batch` at a time, each row only if nobody
 * rewrapped it meanwhile. The data keys themselves, and so every sealed field, stay as they are.
 * Returns how many it rewrapped; run it again to check: 0.
 */
export async function rewrapPetitionKeys(sql: postgres.Sql, keys: AppKeys, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await sql<{ petition_id: string; key_id: string; wrapped_key: Buffer }[]>`
      select petition_id, key_id, wrapped_key from petition_keys where key_id <> ${keys.current.id} order by petition_id limit ${batch}`;
    if (rows.length === 0) return done;
    const { id, key } = keys.current;
    const next = rows.map((r) => {
      const dataKey = unwrapDataKey(appKeyNamed(keys, r.key_id).key, r.key_id, r.petition_id, r.wrapped_key);
      return { petitionId: r.petition_id, oldId: r.key_id, wrapped: wrapDataKey(key, id, r.petition_id, dataKey).toString('hex') };
    });
    const updated = await sql`
      update petition_keys k set key_id = ${id}, wrapped_key = decode(v.wrapped, 'hex'), rewrapped_at = now()
      from unnest(${next.map((n) => n.petitionId)}::uuid[], ${next.map((n) => n.oldId)}::text[], ${next.map((n) => n.wrapped)}::text[]) as v(petition_id, old_id, wrapped)
      where k.petition_id = v.petition_id and k.key_id = v.old_id`;
    done += updated.count;
  }
}

type LegacyRow = {
  id: string;
  petition_id: string;
  name: string | null;
  email: string | null;
  canonical_email: string;
  postcode: string | null;
  comment: string | null;
  email_hash: Buffer | null;
};

/**
 * Seals the clear signer columns a database migrated from before encryption (0034) still holds,
 * `batch` signatures at a time: name, email, postcode and comment are sealed under their petition's
 * data key and cleared, the name's word hashes stored, and a signature still keyed by its address
 * is keyed by the address's keyed hash instead (its whole domain kept as email_host). A signature
 * whose hash another signature of the petition already holds (signed again while an older version
 * of the app still ran) is keyed `duplicate:<id>`. Returns how many rows it sealed; 0 when none is left.
 */
export async function sealLegacySignatures(sql: postgres.Sql, opts: { keys: AppKeys; secret: string; batch?: number }): Promise<number> {
  let done = 0;
  const petitionKeys = new Map<string, Buffer>();
  for (;;) {
    const rows = await sql<LegacyRow[]>`
      select id::text, petition_id, name, email, canonical_email, postcode, comment, email_hash from signatures
      where name is not null or email is not null or postcode is not null or comment is not null
      order by id limit ${opts.batch ?? 1000}`;
    if (rows.length === 0) return done;
    // Keyed by its address until now (an at-risk or anonymised signature's key is kept).
    const keyed = rows.map((r) => {
      const clear = !r.canonical_email.startsWith(AT_RISK_KEY_PREFIX) && r.canonical_email.includes('@');
      const hash = clear ? emailHashOf(r.canonical_email, opts.secret) : r.email_hash;
      return { r, clear, hash, signatureKey: clear ? atRiskEmailKey(hash!) : r.canonical_email };
    });
    const taken = await sql<{ key: string; petition_id: string }[]>`
      select canonical_email as key, petition_id from signatures
      where canonical_email = any(${keyed.filter((k) => k.clear).map((k) => k.signatureKey)}::text[])`;
    const takenKeys = new Set(taken.map((t) => `${t.petition_id} ${t.key}`));
    const values: Record<'id' | 'key' | 'hash' | 'host' | 'name' | 'email' | 'postcode' | 'comment' | 'words', string | null>[] = [];
    for (const { r, clear, hash, ...k } of keyed) {
      let key = petitionKeys.get(r.petition_id);
      if (!key) petitionKeys.set(r.petition_id, (key = await readOrCreatePetitionKey(sql, r.petition_id, opts.keys)));
      const signatureKey = clear && takenKeys.has(`${r.petition_id} ${k.signatureKey}`) ? `duplicate:${r.id}` : k.signatureKey;
      // An emptied field ('' : at-risk mode or anonymisation) stays empty: null.
      const sealed = sealSigner(
        key,
        { petitionId: r.petition_id, signatureKey },
        { name: r.name || '', email: r.email || '', postcode: r.postcode || null, comment: r.comment || null },
      );
      values.push({
        id: r.id,
        key: signatureKey,
        hash: hash ? hash.toString('hex') : null,
        host: clear ? domainOf(r.canonical_email) : null,
        name: r.name ? sealed.sealedName.toString('hex') : null,
        email: r.email ? sealed.sealedEmail.toString('hex') : null,
        postcode: sealed.sealedPostcode?.toString('hex') ?? null,
        comment: sealed.sealedComment?.toString('hex') ?? null,
        words: r.name ? `{${nameWordHashes(r.name, opts.secret).join(',')}}` : null,
      });
    }
    const col = (k: keyof (typeof values)[number]) => values.map((v) => v[k]);
    const updated = await sql`
      with v as (
        select * from unnest(${col('id')}::bigint[], ${col('key')}::text[], ${col('hash')}::text[], ${col('host')}::text[],
                             ${col('name')}::text[], ${col('email')}::text[], ${col('postcode')}::text[], ${col('comment')}::text[], ${col('words')}::text[])
          as v(id, key, hash, host, name, email, postcode, comment, words)
      )
      update signatures s set
        canonical_email = v.key,
        email_hash = coalesce(decode(v.hash, 'hex'), s.email_hash),
        email_host = coalesce(s.email_host, v.host),
        sealed_name = decode(v.name, 'hex'), sealed_email = decode(v.email, 'hex'),
        sealed_postcode = decode(v.postcode, 'hex'), sealed_comment = decode(v.comment, 'hex'),
        name_words = v.words::text[],
        name = null, email = null, postcode = null, comment = null
      from v where s.id = v.id`;
    done += updated.count;
  }
}
