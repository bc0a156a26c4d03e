import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pg-proxy';
import postgres from 'postgres';
import { postgresDefaults } from './connection';
import { accounts, demands, petitionOrganisers, petitionTargets, petitions } from './schema';

type PetitionRow = typeof petitions.$inferSelect;

export type NewPetition = Pick<PetitionRow, 'slug' | 'title' | 'summary' | 'body' | 'target' | 'goal'> &
  Partial<Pick<PetitionRow, 'language' | 'status'>> & { demands: string[] };

/**
 * The query builder, with the app's casing, over a postgres.js client of the caller's (tests, scripts
 * and benchmarks bring their own), through drizzle's proxy driver, which hands each statement to the
 * client as it is: drizzle's postgres-js driver would change how the client parses dates for every
 * other use of it.
 */
function builderOver(client: postgres.Sql | postgres.TransactionSql) {
  return drizzle(
    async (query, params, method) => {
      const result = client.unsafe(query, params as never[]);
      return { rows: method === 'all' ? await result.values() : await result };
    },
    { casing: 'snake_case' },
  );
}

/** Inserts a petition with its demands in one transaction, published unless a draft; returns its id. */
export async function insertPetition(client: postgres.Sql, p: NewPetition): Promise<string> {
  return client.begin<string>(async (transaction) => {
    const tx = builderOver(transaction);
    const status = p.status ?? 'open';
    const [row] = await tx
      .insert(petitions)
      .values({
        slug: p.slug,
        title: p.title,
        summary: p.summary,
        body: p.body,
        target: p.target,
        goal: p.goal,
        language: p.language,
        status,
        publishedAt: status === 'draft' ? null : sql`now()`,
        closedAt: status === 'closed' ? sql`now()` : null,
      })
      .returning({ id: petitions.id });
    const id = row!.id;
    if (p.demands.length) await tx.insert(demands).values(p.demands.map((text, position) => ({ petitionId: id, position, text })));
    // The target line is its first (here only) target, as the editor would save it.
    const language = p.language === 'ar' || p.language === 'fa' ? p.language : 'en';
    if (p.target) await tx.insert(petitionTargets).values({ petitionId: id, position: 0, name: p.target, language });
    return id;
  });
}

export const demoPetition: NewPetition = {
  slug: 'free-the-may-day-detainees',
  title: 'Free the May Day detainees',
  summary:
    'Fourteen labour activists were arrested for attending a peaceful May Day rally. They have been held for weeks without trial. Add your name to demand their release.',
  body: [
    '## What happened',
    '',
    'On **1 May**, several hundred workers gathered in the central square to mark International Workers’ Day and to ask for unpaid wages to be paid. The rally was peaceful. Before it ended, security forces arrested fourteen people, among them two union organisers, a teacher and a bus driver.',
    '',
    'Their families were not told where they were taken. Lawyers have been refused access, and the detainees now face charges of “disturbing public order” for nothing more than standing in a square.',
    '',
    '## Why your signature matters',
    '',
    'Public attention protects people in detention. Every signature is delivered to the Minister of Justice and shared with the embassies that follow the case. When thousands of people are watching, detainees are treated better and released sooner.',
  ].join('\n'),
  target: 'The Minister of Justice',
  goal: 10_000,
  demands: [
    'Release all fourteen May Day detainees immediately and unconditionally.',
    'Drop every charge brought against them for attending the rally.',
    'Give the detainees access to lawyers of their choice and to their families while they are held.',
    'Open an independent investigation into the arrests and into how the detainees have been treated.',
    'Guarantee the right of workers to assemble peacefully and to organise.',
  ],
};

/** The demo petition's organiser: sign in as this address at /login (the link arrives in the development mailbox). */
export const DEMO_ORGANISER_EMAIL = 'organiser@example.org';

/** Seeds the demo petition, owned by the demo organiser, when the database has no petitions; returns whether it did. */
export async function seedIfEmpty(databaseUrl: string): Promise<boolean> {
  const client = postgres(databaseUrl, { ...postgresDefaults, max: 1 });
  try {
    const db = builderOver(client);
    if ((await db.$count(petitions)) > 0) return false;
    const petitionId = await insertPetition(client, demoPetition);
    const [account] = await db
      .insert(accounts)
      .values({ email: DEMO_ORGANISER_EMAIL })
      .onConflictDoUpdate({ target: accounts.email, set: { email: DEMO_ORGANISER_EMAIL } })
      .returning({ id: accounts.id });
    await db.insert(petitionOrganisers).values({ petitionId, accountId: account!.id, role: 'owner' });
    return true;
  } finally {
    await client.end({ timeout: 5 });
  }
}
