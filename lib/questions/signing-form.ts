import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { petitionTranslations, type DataController, type LocalizedText, type SignQuestion } from '@/db/schema';
import { petitionAt } from '@/lib/petitions/by-slug';
import { isSlug } from '@/lib/petitions/slug';

/** What signing needs to know of a petition before its statement runs: its questions and consent texts. */
export type SigningForm = {
  questions: SignQuestion[];
  dataController: DataController | null;
  partnerOptIn: LocalizedText | null;
  /** The original's language, then the translations': which text a signer in a given language read. */
  languages: string[];
  atRisk: boolean;
};

// Signing reads this before its one statement. Kept per process for a short time, so a surge costs
// one read per petition every TTL_MS, not one per signature; an organiser's change made through this
// process is seen at once (forgetSigningForms), through another one within TTL_MS. Answers are keyed by
// ids that never change, so a signature validated against questions a moment old is stored correctly.
const TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;
const cache = new Map<string, { at: number; form: Promise<SigningForm | null> }>();

async function readSigningForm(slug: string): Promise<SigningForm | null> {
  const p = petitionAt(slug);
  const t = petitionTranslations;
  const [row] = await getDb()
    .select({
      questions: p.questions,
      dataController: p.dataController,
      partnerOptIn: p.partnerOptIn,
      languages: sql<string[]>`array_prepend(${p.language}, array(${getDb()
        .select({ language: t.language })
        .from(t)
        .where(and(eq(t.petitionId, p.id), ne(t.language, p.language)))}))`,
      atRisk: sql<boolean>`${p.atRiskAt} is not null`,
    })
    .from(p);
  return row ?? null;
}

/**
 * The questions and consent texts of the petition at `slug` (any status; null when there is none),
 * at most TTL_MS old: one read per petition per interval per process, whatever the signing rate.
 */
export function signingFormFor(slug: string): Promise<SigningForm | null> {
  if (!isSlug(slug)) return Promise.resolve(null);
  const now = Date.now();
  const hit = cache.get(slug);
  if (hit && now - hit.at < TTL_MS) return hit.form;
  const form = readSigningForm(slug);
  // A failed read is not kept: the next signature asks again.
  form.catch(() => cache.delete(slug));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(slug, { at: now, form });
  return form;
}

/** Drops what this process keeps of every petition's questions (after an organiser changed some). */
export function forgetSigningForms(): void {
  cache.clear();
}
