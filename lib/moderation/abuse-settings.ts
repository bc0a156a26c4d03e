import 'server-only';
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ABUSE_LIMIT_DEFAULTS, type AbuseLimitName } from '@/db/abuse-limit-defaults';
import { getDb } from '@/db/client';
import { abuseLimits, allowedEmailDomains, allowedIpRanges, blockedEmailDomains, blockedIpRanges, petitions, signatures } from '@/db/schema';
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
  const held = sql<number>`count(*)::int`;
  const [limits, bd, br, ar, ad, heldPetitions] = await Promise.all([
    db.select({ name: abuseLimits.name, maxCount: abuseLimits.maxCount, windowSeconds: abuseLimits.windowSeconds }).from(abuseLimits),
    db.select({ v: blockedEmailDomains.pattern }).from(blockedEmailDomains).orderBy(asc(blockedEmailDomains.pattern)),
    db.select({ v: blockedIpRanges.range }).from(blockedIpRanges).orderBy(asc(blockedIpRanges.range)),
    db.select({ v: allowedIpRanges.range }).from(allowedIpRanges).orderBy(asc(allowedIpRanges.range)),
    db.select({ v: allowedEmailDomains.domain }).from(allowedEmailDomains).orderBy(asc(allowedEmailDomains.domain)),
    db
      .select({ slug: petitions.slug, title: petitions.title, held })
      .from(signatures)
      .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
      .where(eq(signatures.status, 'held'))
      .groupBy(petitions.id)
      .orderBy(desc(count()))
      .limit(50),
  ]);
  const byName = new Map(limits.map((l) => [l.name, l]));
  const values = (rows: { v: string }[]) => rows.map((r) => r.v);
  return {
    limits: LIMIT_NAMES.map((name) => {
      const l = byName.get(name);
      return { name, maxCount: l?.maxCount ?? 0, windowSeconds: l?.windowSeconds ?? 60 };
    }),
    lists: { blockedDomains: values(bd), blockedRanges: values(br), allowedRanges: values(ar), allowedDomains: values(ad) },
    held: heldPetitions,
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
  const unique = (v: string[]) => [...new Set(v)];
  // A range typed with host bits is stored as its network (cidr refuses host bits); duplicates once so are one row.
  const network = (range: string) => sql<string>`network(${range}::inet)`;
  await getDb().transaction(async (tx) => {
    for (const name of LIMIT_NAMES) {
      const { maxCount, windowSeconds } = s.limits[name];
      await tx
        .insert(abuseLimits)
        .values({ name, maxCount, windowSeconds })
        .onConflictDoUpdate({ target: abuseLimits.name, set: { maxCount, windowSeconds, updatedAt: sql`now()` } });
    }
    await tx.delete(blockedEmailDomains);
    const blockedDomains = unique(s.blockedDomains);
    if (blockedDomains.length) await tx.insert(blockedEmailDomains).values(blockedDomains.map((pattern) => ({ pattern })));
    await tx.delete(blockedIpRanges);
    const blockedRanges = unique(s.blockedRanges);
    if (blockedRanges.length)
      await tx
        .insert(blockedIpRanges)
        .values(blockedRanges.map((r) => ({ range: network(r) })))
        .onConflictDoNothing();
    await tx.delete(allowedIpRanges);
    const allowedRanges = unique(s.allowedRanges);
    if (allowedRanges.length)
      await tx
        .insert(allowedIpRanges)
        .values(allowedRanges.map((r) => ({ range: network(r) })))
        .onConflictDoNothing();
    await tx.delete(allowedEmailDomains);
    const allowedDomains = unique(s.allowedDomains);
    if (allowedDomains.length) await tx.insert(allowedEmailDomains).values(allowedDomains.map((domain) => ({ domain })));
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
