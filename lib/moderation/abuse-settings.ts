import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ABUSE_LIMIT_DEFAULTS, type AbuseLimitName } from '@/db/abuse-limit-defaults';
import { getDb } from '@/db/client';
import type { Organiser } from '@/lib/auth/session';
import { parseCidr } from '@/lib/security/ip';
import { asciiDomainRule } from '@/lib/text/domain';
import { normaliseLineBreaks, normaliseText } from '@/lib/text/normalise';
import { forgetIpLists } from './ip-lists';

// The limits and their default values have one home, db/abuse-limit-defaults.ts.
export const LIMIT_NAMES = Object.keys(ABUSE_LIMIT_DEFAULTS) as AbuseLimitName[];
export const LIST_NAMES = ['blockedDomains', 'blockedRanges', 'allowedRanges', 'allowedDomains'] as const;

export type AbuseSettings = {
  limits: { name: (typeof LIMIT_NAMES)[number]; maxCount: number; windowSeconds: number }[];
  lists: Record<(typeof LIST_NAMES)[number], string[]>;
  held: { slug: string; title: string; held: number }[];
};

// A list entry in canonical form; ranges wider than /8 would block or exempt whole regions by mistake.
const listRange = (value: string) => {
  const r = parseCidr(value);
  return r && r.prefix >= 8 ? `${r.ip}/${r.prefix}` : null;
};

// One entry per line, each normalised like all typed text; a domain typed in Unicode is listed in the
// ASCII form signatures' email domains are stored in.
const lines = (v: unknown) =>
  typeof v === 'string'
    ? normaliseLineBreaks(v)
        .split('\n')
        .map((l) => normaliseText(l).toLowerCase())
        .filter(Boolean)
    : [];
const domain = z.string().transform((v, ctx) => asciiDomainRule(v) ?? (ctx.addIssue({ code: 'custom', message: 'domain' }), z.NEVER));
const cidrList = z.preprocess(
  lines,
  z.array(z.string().transform((v, ctx) => listRange(v) ?? (ctx.addIssue({ code: 'custom', message: 'range' }), z.NEVER))).max(5000),
);
const limit = z.coerce.number().int().min(1).max(10_000_000);

export const abuseSettingsInput = z.object({
  limits: z.object(
    Object.fromEntries(
      LIMIT_NAMES.map((n) => [
        n,
        z.object({
          maxCount: limit,
          windowSeconds: z.coerce
            .number()
            .int()
            .min(1)
            .max(7 * 86400),
        }),
      ]),
    ) as Record<(typeof LIMIT_NAMES)[number], z.ZodObject<{ maxCount: typeof limit; windowSeconds: z.ZodCoercedNumber }>>,
  ),
  blockedDomains: z.preprocess(lines, z.array(domain).max(5000)),
  blockedRanges: cidrList,
  allowedRanges: cidrList,
  allowedDomains: z.preprocess(lines, z.array(domain.refine((d) => !d.startsWith('*.'))).max(5000)),
});

/** The limits and lists as they stand, and the petitions with signatures held for review. Admins only. */
export async function getAbuseSettings(actor: Organiser | null): Promise<AbuseSettings | null> {
  if (!actor?.isAdmin) return null;
  const db = getDb();
  const [limits, bd, br, ar, ad, held] = await Promise.all([
    db.execute<AbuseSettings['limits'][number]>(sql`select name, max_count as "maxCount", window_seconds as "windowSeconds" from abuse_limits`),
    db.execute<{ v: string }>(sql`select pattern as v from blocked_email_domains order by 1`),
    db.execute<{ v: string }>(sql`select range::text as v from blocked_ip_ranges order by range`),
    db.execute<{ v: string }>(sql`select range::text as v from allowed_ip_ranges order by range`),
    db.execute<{ v: string }>(sql`select domain as v from allowed_email_domains order by 1`),
    db.execute<{ slug: string; title: string; held: number }>(sql`
      select p.slug, p.title, count(*)::int as held from signatures s join petitions p on p.id = s.petition_id
      where s.status = 'held' group by p.id order by held desc limit 50`),
  ]);
  const byName = new Map([...limits].map((l) => [l.name, l]));
  return {
    limits: LIMIT_NAMES.map((name) => byName.get(name) ?? { name, maxCount: 0, windowSeconds: 60 }),
    lists: { blockedDomains: bd.map((r) => r.v), blockedRanges: br.map((r) => r.v), allowedRanges: ar.map((r) => r.v), allowedDomains: ad.map((r) => r.v) },
    held: [...held],
  };
}

/**
 * Replaces the limits and lists in one transaction. Admins only. The limits and domain lists take
 * effect on the next signature on every instance (the database function reads them each time); the
 * IP ranges, matched in the app, at once on this instance and within 15 s on the others.
 */
export async function saveAbuseSettings(actor: Organiser | null, raw: unknown): Promise<'saved' | 'invalid' | 'not_allowed'> {
  if (!actor?.isAdmin) return 'not_allowed';
  const parsed = abuseSettingsInput.safeParse(raw);
  if (!parsed.success) return 'invalid';
  const s = parsed.data;
  const json = (v: string[]) => JSON.stringify([...new Set(v)]);
  await getDb().transaction(async (tx) => {
    for (const name of LIMIT_NAMES) {
      await tx.execute(sql`
        insert into abuse_limits (name, max_count, window_seconds) values (${name}, ${s.limits[name].maxCount}, ${s.limits[name].windowSeconds})
        on conflict (name) do update set max_count = excluded.max_count, window_seconds = excluded.window_seconds, updated_at = now()`);
    }
    await tx.execute(sql`delete from blocked_email_domains`);
    await tx.execute(sql`insert into blocked_email_domains (pattern) select jsonb_array_elements_text(${json(s.blockedDomains)}::jsonb)`);
    await tx.execute(sql`delete from blocked_ip_ranges`);
    await tx.execute(sql`insert into blocked_ip_ranges (range) select distinct network(jsonb_array_elements_text(${json(s.blockedRanges)}::jsonb)::inet)`);
    await tx.execute(sql`delete from allowed_ip_ranges`);
    await tx.execute(sql`insert into allowed_ip_ranges (range) select distinct network(jsonb_array_elements_text(${json(s.allowedRanges)}::jsonb)::inet)`);
    await tx.execute(sql`delete from allowed_email_domains`);
    await tx.execute(sql`insert into allowed_email_domains (domain) select jsonb_array_elements_text(${json(s.allowedDomains)}::jsonb)`);
  });
  forgetIpLists();
  return 'saved';
}

/** Reads the settings form. */
export function abuseSettingsFormValues(form: FormData): Record<string, unknown> {
  const get = (k: string) => form.get(k);
  return {
    limits: Object.fromEntries(LIMIT_NAMES.map((n) => [n, { maxCount: get(`${n}.maxCount`), windowSeconds: get(`${n}.windowSeconds`) }])),
    ...Object.fromEntries(LIST_NAMES.map((n) => [n, get(n)])),
  };
}
