import postgres from 'postgres';
import { postgresDefaults } from './connection';

export type NewPetition = {
  slug: string;
  title: string;
  summary: string;
  body: string;
  target: string;
  goal: number;
  language?: string;
  status?: 'draft' | 'open' | 'closed';
  demands: string[];
};

/** Inserts a petition with its demands and counter shards in one transaction; returns its id. */
export async function insertPetition(sql: postgres.Sql, p: NewPetition): Promise<string> {
  return sql.begin(async (tx) => {
    const status = p.status ?? 'open';
    const [row] = await tx<{ id: string }[]>`
      insert into petitions (slug, title, summary, body, target, goal, language, status, published_at, closed_at)
      values (${p.slug}, ${p.title}, ${p.summary}, ${p.body}, ${p.target}, ${p.goal}, ${p.language ?? 'en'},
              ${status}, ${status === 'draft' ? null : sql`now()`}, ${status === 'closed' ? sql`now()` : null})
      returning id`;
    const id = row!.id;
    await tx`
      insert into demands ${tx(p.demands.map((text, position) => ({ petition_id: id, position, text })))}`;
    return id;
  }) as Promise<string>;
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

/** Seeds the demo petition when the database has no petitions; returns whether it did. */
export async function seedIfEmpty(databaseUrl: string): Promise<boolean> {
  const sql = postgres(databaseUrl, { ...postgresDefaults, max: 1 });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from petitions`;
    if ((row?.n ?? 0) > 0) return false;
    await insertPetition(sql, demoPetition);
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
