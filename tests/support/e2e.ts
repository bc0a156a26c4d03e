import { expect, type Page } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { postgresDefaults } from '../../db/connection';
import { insertPetition, type NewPetition } from '../../db/seed';

// Helpers for Playwright specs: they run in their own processes, so they reach the app's
// database and the SMTP sink's mail directory through the E2E_* variables set by scripts/test.ts.

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the end-to-end tests with \`npm test\` (or \`npm test -- e2e\`).`);
  return v;
}

let sql: postgres.Sql | undefined;
export function database(): postgres.Sql {
  sql ??= postgres(env('E2E_DATABASE_URL'), { ...postgresDefaults, max: 2 });
  return sql;
}

let n = 0;
/** A new open petition with its own slug, so each journey starts from a count of zero. */
export async function createPetition(overrides: Partial<NewPetition> = {}): Promise<NewPetition & { id: string }> {
  n += 1;
  const p: NewPetition = {
    slug: `e2e-${Date.now().toString(36)}-${process.pid}-${n}`,
    title: `Keep the night buses running ${n}${process.pid % 1000}`,
    summary: 'The council plans to cut every night bus. Shift workers depend on them.',
    body: 'Night buses carry **nurses, cleaners and cooks** home.',
    target: 'The City Council',
    goal: 500,
    demands: ['Keep all night routes', 'Publish the ridership data', 'Consult shift workers first'],
    ...overrides,
  };
  const id = await insertPetition(database(), p);
  return { ...p, id };
}

/**
 * Gives a petition the most its sign form can carry: five questions of its own (a required text, a
 * required one-choice and a several-choice question of 20 choices each, a yes/no, an optional text)
 * in English and Arabic, a data controller with a privacy link, and a partner opt-in.
 */
export async function addFiveQuestions(petitionId: string): Promise<void> {
  const choices = Array.from({ length: 20 }, (_, i) => ({ id: `c${1000 + i}`, label: { en: `Choice ${i + 1}`, ar: `خيار ${i + 1}` } }));
  const questions = [
    { id: 'q1000001', kind: 'text', required: true, label: { en: 'Your workplace', ar: 'مكان عملك' }, choices: [] },
    { id: 'q1000002', kind: 'one', required: true, label: { en: 'How do you get to work?', ar: 'كيف تذهب إلى العمل؟' }, choices },
    { id: 'q1000003', kind: 'many', required: false, label: { en: 'Which shifts?', ar: 'أي نوبات؟' }, choices },
    { id: 'q1000004', kind: 'yesno', required: false, label: { en: 'Union member?', ar: 'عضو نقابة؟' }, choices: [] },
    { id: 'q1000005', kind: 'text', required: false, label: { en: 'Anything else?', ar: 'شيء آخر؟' }, choices: [] },
  ];
  const sql = database();
  await sql`update petitions set questions = ${sql.json(questions)},
    data_controller = ${sql.json({ name: { en: 'Transport Workers United', ar: 'اتحاد عمال النقل' }, url: 'https://twu.example.org/privacy' })},
    partner_opt_in = ${sql.json({ en: "May the Workers' Solidarity Network contact you?", ar: 'هل يمكن لشبكة تضامن العمال التواصل معك؟' })}
    where id = ${petitionId}`;
}

export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** Waits for the SMTP sink to receive mail for `to` (the nth message, counting from 1) and parses it. */
export async function waitForEmail(to: string, opts: { nth?: number; timeoutMs?: number } = {}): Promise<ParsedMail> {
  const dir = env('E2E_MAIL_DIR');
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const files = existsSync(dir) ? readdirSync(dir).sort() : [];
    const matching: ParsedMail[] = [];
    for (const f of files) {
      const raw = readFileSync(path.join(dir, f));
      if (!raw.toString('latin1').toLowerCase().includes(to.toLowerCase())) continue;
      matching.push(await simpleParser(raw));
    }
    if (matching.length >= (opts.nth ?? 1)) return matching[(opts.nth ?? 1) - 1]!;
    if (Date.now() > deadline) throw new Error(`No email #${opts.nth ?? 1} for ${to} within the time limit`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function confirmationLink(mail: ParsedMail): string {
  const link = mail.text?.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`No confirmation link in "${mail.subject}"`);
  return link;
}

/** An organiser account with a live session; returns the cookie to send as that organiser. */
export async function organiserSession(email: string): Promise<{ accountId: string; cookie: { name: string; value: string; domain: string; path: string } }> {
  const { createToken, hashToken } = await import('../../lib/security/tokens');
  const sql = database();
  const [account] = await sql`insert into accounts (email) values (${email}) on conflict (email) do update set email = excluded.email returning id`;
  const token = createToken();
  await sql`insert into sessions (token_hash, account_id, expires_at) values (${hashToken(token, E2E_SECRET)}, ${account!.id}, now() + interval '1 day')`;
  return { accountId: account!.id, cookie: { name: 'undersign_session', value: token, domain: '127.0.0.1', path: '/' } };
}

/** Must match the SECRET given to the server in playwright.config.ts. */
export const E2E_SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e-secret';
/** The app's DATA_ENCRYPTION_KEY in the end-to-end runs (playwright.config.ts sets the same). */
export const E2E_DATA_KEY = { id: 'e2e', key: Buffer.alloc(32, 9) };

/** The `canonical_email` of a signature by this address: `h:` and the keyed hash of its canonical form. */
export async function signatureKey(email: string): Promise<string> {
  const { canonicalizeEmail } = await import('../../lib/signatures/canonical-email');
  const { atRiskEmailKey, emailHashOf } = await import('../../lib/signatures/email-hash');
  return atRiskEmailKey(emailHashOf(canonicalizeEmail(email), E2E_SECRET));
}

/**
 * Signatures (every column) with their name, email, postcode and comment opened, as the app reads
 * them: those of the addresses given, or of a petition. In id order.
 */
export async function openedSignatures(where: { emails: string[] } | { petitionId: string }): Promise<Record<string, unknown>[]> {
  const { readOrCreatePetitionKey } = await import('../../lib/privacy/key-store');
  const { openSignerField } = await import('../../lib/privacy/signer-fields');
  const sql = database();
  const rows =
    'emails' in where
      ? await sql`select * from signatures where canonical_email = any(${await Promise.all(where.emails.map(signatureKey))}::text[]) order by id`
      : await sql`select * from signatures where petition_id = ${where.petitionId} order by id`;
  const opened = [];
  for (const r of rows) {
    const { sealed_name, sealed_email, sealed_postcode, sealed_comment, ...rest } = r as Record<string, unknown>;
    const b = { petitionId: r.petition_id as string, signatureKey: r.canonical_email as string };
    const key = await readOrCreatePetitionKey(sql, b.petitionId, { current: E2E_DATA_KEY });
    opened.push({
      ...rest,
      name: openSignerField(key, b, 'name', sealed_name as Buffer | null),
      email: openSignerField(key, b, 'email', sealed_email as Buffer | null),
      postcode: openSignerField(key, b, 'postcode', sealed_postcode as Buffer | null),
      comment: openSignerField(key, b, 'comment', sealed_comment as Buffer | null),
    });
  }
  return opened;
}

/**
 * Seals the signatures a journey inserted with SQL in the clear columns (as a database from before
 * encryption holds them), with the app's keys: the same backfill the app runs at start.
 */
export async function sealSignatures(): Promise<void> {
  const { sealLegacySignatures } = await import('../../lib/privacy/key-store');
  await sealLegacySignatures(database(), { keys: { current: E2E_DATA_KEY }, secret: E2E_SECRET });
}

/**
 * Public petition pages are shared for up to 2 s (PAGE_CACHE_MS): after a change, a visitor sees it
 * within that interval. Visits `path` until `check` passes, for up to 10 s.
 */
export async function visitUntil(page: Page, path: string, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout: 10_000, intervals: [500, 1_000] });
}

/**
 * Someone's blog serving `html`: a real server on another port, so another origin (on loopback like
 * the app, so Chromium's local-network rules treat both alike).
 */
export async function startBlog(html: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}
