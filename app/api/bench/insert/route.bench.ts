import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { json } from '@/lib/http/json';

/**
 * The sign benchmark's baseline (`npm run bench`): the least a Next route handler can do to store a
 * signature, one INSERT. Only in a build made with BENCH_BASELINES=1 (next.config.ts's pageExtensions),
 * and even there it answers 404 unless the server runs with BENCH_BASELINES=1 (the benchmark's only).
 */
export async function POST(req: Request): Promise<Response> {
  if (process.env.BENCH_BASELINES !== '1') return json({ error: 'not_found' }, { status: 404 });
  const body = (await req.json().catch(() => ({}))) as { name?: string; email?: string };
  await getDb().execute(sql`insert into bench_baseline (name, email) values (${String(body.name ?? '')}, ${String(body.email ?? '')})`);
  return json({ status: 'stored' }, { status: 202 });
}
