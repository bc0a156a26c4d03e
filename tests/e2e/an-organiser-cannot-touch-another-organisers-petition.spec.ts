import { expect, test, type APIRequestContext } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { hashToken } from '../../lib/security/tokens';
import { E2E_SECRET, createPetition, database, organiserSession, sealSignatures } from '../support/e2e';

// Every server action, organiser page and API route of the build, each with the check it must pass.
// Reading them from the build and the file tree means a new one without an entry here fails this test.

type Ctx = { slug: string; petitionId: string; extra: Record<string, string> };
type OrganiserAction = {
  kind: 'guarded';
  /** Who may do it (the control): the owner unless said otherwise. */
  rightful?: 'owner' | 'admin' | 'invitee';
  setup?: (ctx: Ctx) => Promise<void>;
  fields: (ctx: Ctx) => Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
  bound?: (ctx: Ctx) => unknown[];
  changed: (ctx: Ctx) => Promise<boolean>;
};
type PublicAction = { kind: 'public'; why: string };

const sql = () => database();
const one = async (q: Promise<readonly Record<string, unknown>[]>) => (await q)[0] ?? {};

const ACTIONS: Record<string, OrganiserAction | PublicAction> = {
  'app/[locale]/(site)/p/[slug]/actions.ts#signAction': { kind: 'public', why: 'anyone may sign' },
  'app/[locale]/(site)/p/[slug]/actions.ts#resendAction': { kind: 'public', why: 'mails only the address already on a signature, capped' },
  'app/[locale]/(site)/p/[slug]/confirm/[token]/actions.ts#confirmAction': { kind: 'public', why: 'the emailed token is the credential' },
  'app/[locale]/(site)/p/[slug]/report/actions.ts#reportAction': { kind: 'public', why: 'anyone may report, rate-limited' },
  'app/[locale]/(site)/s/[token]/actions.ts#withdrawAction': { kind: 'public', why: 'the emailed token is the credential' },
  'app/[locale]/(site)/s/[token]/actions.ts#stopEmailsAction': { kind: 'public', why: 'the emailed token is the credential' },
  'app/[locale]/(site)/login/actions.ts#requestLoginAction': { kind: 'public', why: 'anyone may ask for a sign-in link' },
  'app/[locale]/(site)/login/actions.ts#signInAction': { kind: 'public', why: 'the emailed token is the credential' },
  'app/[locale]/(site)/login/actions.ts#signOutAction': { kind: 'public', why: 'ends only the caller’s own session' },
  'app/[locale]/(site)/unsubscribe/[token]/actions.ts#unsubscribeAction': { kind: 'public', why: 'the signed link is the credential' },
  'app/[locale]/(site)/dashboard/petitions/[slug]/delivery/actions.ts#deliverAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, mode: 'test', message: 'From a stranger' }),
    changed: async (c) => (await sql()`select 1 from deliveries where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/delivery/actions.ts#saveDeliveryPlanAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, atGoal: 'on', message: '' }),
    changed: async (c) => (await sql()`select 1 from delivery_plans where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/delivery/actions.ts#recordResponseAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.targetId = String((await one(sql()`select id from petition_targets where petition_id = ${c.petitionId} order by position limit 1`)).id);
    },
    fields: (c) => ({ slug: c.slug, targetId: c.extra.targetId!, body: 'We said yes', respondedOn: '2026-11-03' }),
    changed: async (c) => (await sql()`select 1 from target_responses where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/delivery/actions.ts#reviewResponseAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.responseId = String(
        (
          await one(sql()`
        insert into target_responses (petition_id, target_name, source, body, responded_on)
        values (${c.petitionId}, 'The City Council', 'target', 'Sent through the link', current_date) returning id`)
        ).id,
      );
    },
    fields: (c) => ({ slug: c.slug, responseId: c.extra.responseId!, decision: 'approve' }),
    changed: async (c) => (await one(sql()`select approved_at from target_responses where id = ${c.extra.responseId!}`)).approved_at !== null,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/delivery/actions.ts#setOutcomeAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.demandId = String((await one(sql()`select id from demands where petition_id = ${c.petitionId} order by position limit 1`)).id);
    },
    fields: (c) => ({ slug: c.slug, demandId: c.extra.demandId!, outcome: 'met', note: '' }),
    changed: async (c) => (await one(sql()`select outcome from demands where id = ${c.extra.demandId!}`)).outcome === 'met',
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#addWebhookAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, url: 'https://hooks.example.org/in', events: 'signature.confirmed' }),
    changed: async (c) => (await sql()`select 1 from integration_endpoints where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#connectActionNetworkAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, petitionId: 'an-petition-1', apiKey: 'an-api-key-123456' }),
    changed: async (c) => (await sql()`select 1 from integration_endpoints where petition_id = ${c.petitionId} and kind = 'action_network'`).length > 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#rotateSecretAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.endpointId = String(
        (
          await one(sql()`insert into integration_endpoints (petition_id, kind, target, events, sealed_secret)
            values (${c.petitionId}, 'webhook', 'https://hooks.example.org/in', '{signature.confirmed}', ${Buffer.from('sealed')}) returning id`)
        ).id,
      );
    },
    fields: (c) => ({ slug: c.slug, id: c.extra.endpointId! }),
    changed: async (c) => (await one(sql()`select secret_rotated_at from integration_endpoints where id = ${c.extra.endpointId!}`)).secret_rotated_at !== null,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#toggleEndpointAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.endpointId = String(
        (
          await one(sql()`insert into integration_endpoints (petition_id, kind, target, events, sealed_secret)
            values (${c.petitionId}, 'webhook', 'https://hooks.example.org/in', '{signature.confirmed}', ${Buffer.from('sealed')}) returning id`)
        ).id,
      );
    },
    fields: (c) => ({ slug: c.slug, id: c.extra.endpointId!, enabled: 'false' }),
    changed: async (c) => (await one(sql()`select enabled from integration_endpoints where id = ${c.extra.endpointId!}`)).enabled === false,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#removeEndpointAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.endpointId = String(
        (
          await one(sql()`insert into integration_endpoints (petition_id, kind, target, events, sealed_secret)
            values (${c.petitionId}, 'webhook', 'https://hooks.example.org/in', '{signature.confirmed}', ${Buffer.from('sealed')}) returning id`)
        ).id,
      );
    },
    fields: (c) => ({ slug: c.slug, id: c.extra.endpointId! }),
    changed: async (c) => (await sql()`select 1 from integration_endpoints where id = ${c.extra.endpointId!}`).length === 0,
  },
  'app/[locale]/(site)/dashboard/petitions/[slug]/integrations/actions.ts#resendDeliveryAction': {
    kind: 'guarded',
    setup: async (c) => {
      await (async (c) => {
        c.extra.endpointId = String(
          (
            await one(sql()`insert into integration_endpoints (petition_id, kind, target, events, sealed_secret)
            values (${c.petitionId}, 'webhook', 'https://hooks.example.org/in', '{signature.confirmed}', ${Buffer.from('sealed')}) returning id`)
          ).id,
        );
      })(c);
      c.extra.deliveryId = String(
        (
          await one(sql()`insert into integration_deliveries (endpoint_id, petition_id, type, occurred_at, status)
            values (${c.extra.endpointId!}, ${c.petitionId}, 'petition.closed', now(), 'failed') returning id`)
        ).id,
      );
    },
    fields: (c) => ({ slug: c.slug, id: c.extra.deliveryId! }),
    changed: async (c) => (await one(sql()`select status from integration_deliveries where id = ${c.extra.deliveryId!}`)).status === 'pending',
  },
  'app/[locale]/(site)/dashboard/api-keys/actions.ts#createApiKeyAction': {
    kind: 'guarded',
    fields: (c) => ({ name: `key-${c.slug}` }),
    // Anyone signed in may make a key for themselves: what matters is whose account it belongs to.
    changed: async (c) =>
      (
        await sql()`select 1 from api_keys k join accounts a on a.id = k.account_id where k.name = ${`key-${c.slug}`} and a.email = 'rightful-owner@example.org'`
      ).length > 0,
  },
  'app/[locale]/(site)/dashboard/api-keys/actions.ts#revokeApiKeyAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.keyId = String(
        (
          await one(sql()`insert into api_keys (account_id, name, prefix, key_hash)
            select id, 'owner key', 'usk_xxxxxx', ${Buffer.from(c.slug)} from accounts where email = 'rightful-owner@example.org' returning id`)
        ).id,
      );
    },
    fields: (c) => ({ id: c.extra.keyId! }),
    changed: async (c) => (await one(sql()`select revoked_at from api_keys where id = ${c.extra.keyId!}`)).revoked_at !== null,
  },
  'app/[locale]/(site)/respond/[token]/actions.ts#respondAction': { kind: 'public', why: 'the emailed single-use token is the credential' },
  'app/[locale]/(site)/dashboard/actions.ts#sendUpdateAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, subject: 'Spam from a stranger', body: 'x' }),
    changed: async (c) => (await sql()`select 1 from petition_updates where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#hideCommentAction': {
    kind: 'guarded',
    setup: async (c) => {
      c.extra.signatureId = String(
        (
          await one(sql()`
        insert into signatures (petition_id, name, email, canonical_email, country, comment)
        values (${c.petitionId}, 'C', ${`c-${c.slug}@example.org`}, ${`c-${c.slug}@example.org`}, 'FR', 'A comment') returning id`)
        ).id,
      );
      await sealSignatures();
    },
    fields: (c) => ({ slug: c.slug, signatureId: c.extra.signatureId!, hidden: 'true' }),
    changed: async (c) => (await one(sql()`select comment_hidden_at from signatures where id = ${c.extra.signatureId!}`)).comment_hidden_at !== null,
  },
  'app/[locale]/(site)/dashboard/actions.ts#savePetitionAction': {
    kind: 'guarded',
    fields: (c) => ({
      currentSlug: c.slug,
      intent: 'draft',
      title: 'Hijacked',
      slug: c.slug,
      summary: 's',
      body: 'b',
      target: 't',
      goal: '10',
      language: 'en',
      demands: 'd',
    }),
    changed: async (c) => (await one(sql()`select title from petitions where id = ${c.petitionId}`)).title === 'Hijacked',
  },
  'app/[locale]/(site)/dashboard/actions.ts#saveTranslationAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, language: 'ar', title: 'عنوان مخطوف', summary: 's', target: 't', demands: 'd', body: '' }),
    changed: async (c) => (await sql()`select 1 from petition_translations where petition_id = ${c.petitionId} and language = 'ar'`).length > 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#saveSignFormAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, 'q0.kind': 'text', 'q0.label.en': 'Hijacked question', 'partner.en': 'May a stranger contact you?' }),
    changed: async (c) => (await one(sql()`select jsonb_array_length(questions) as n from petitions where id = ${c.petitionId}`)).n === 1,
  },
  'app/[locale]/(site)/dashboard/actions.ts#removeTranslationAction': {
    kind: 'guarded',
    setup: async (c) => {
      await sql()`insert into petition_translations (petition_id, language, title, summary, target, demands) values (${c.petitionId}, 'fa', 'ت', 'خ', 'م', ${['د']})`;
    },
    fields: (c) => ({ slug: c.slug, language: 'fa' }),
    changed: async (c) => (await sql()`select 1 from petition_translations where petition_id = ${c.petitionId} and language = 'fa'`).length === 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#bulkSignaturesAction': {
    kind: 'guarded',
    setup: async (c) => {
      // A genuine signer beside the bot: a rule matching every live signature would be refused.
      await sql()`insert into signatures (petition_id, name, email, canonical_email, email_domain, country, status, confirmed_at)
        values (${c.petitionId}, 'Bot', ${`bot-${c.slug}@botfarm.example`}, ${`bot-${c.slug}@botfarm.example`}, 'botfarm.example', 'RU', 'confirmed', now()),
               (${c.petitionId}, 'Genuine', ${`real-${c.slug}@example.org`}, ${`real-${c.slug}@example.org`}, 'example.org', 'FR', 'confirmed', now())`;
      await sealSignatures();
    },
    fields: (c) => ({ slug: c.slug, intent: 'invalidate', emailDomain: 'botfarm.example' }),
    changed: async (c) =>
      (await one(sql()`select status from signatures where petition_id = ${c.petitionId} and email_domain = 'botfarm.example'`)).status === 'invalidated',
  },
  'app/[locale]/(site)/dashboard/actions.ts#closePetitionAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug }),
    changed: async (c) => (await one(sql()`select status from petitions where id = ${c.petitionId}`)).status === 'closed',
  },
  'app/[locale]/(site)/dashboard/actions.ts#declareVictoryAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, message: 'We won' }),
    changed: async (c) => (await one(sql()`select victory_message from petitions where id = ${c.petitionId}`)).victory_message === 'We won',
  },
  'app/[locale]/(site)/dashboard/actions.ts#switchToAtRiskAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, understood: 'yes' }),
    changed: async (c) => (await one(sql()`select at_risk_at from petitions where id = ${c.petitionId}`)).at_risk_at !== null,
  },
  'app/[locale]/(site)/dashboard/actions.ts#raiseGoalAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, goal: '99999' }),
    changed: async (c) => (await one(sql()`select goal from petitions where id = ${c.petitionId}`)).goal === 99999,
  },
  'app/[locale]/(site)/dashboard/actions.ts#inviteOrganiserAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, email: 'accomplice@example.org' }),
    changed: async (c) => (await sql()`select 1 from organiser_invites where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#removeOrganiserAction': {
    kind: 'guarded',
    setup: async (c) => {
      const co = await organiserSession(`co-${c.slug}@example.org`);
      await sql()`insert into petition_organisers (petition_id, account_id) values (${c.petitionId}, ${co.accountId})`;
      c.extra.coId = co.accountId;
    },
    fields: (c) => ({ slug: c.slug, accountId: c.extra.coId! }),
    changed: async (c) => (await sql()`select 1 from petition_organisers where account_id = ${c.extra.coId!}`).length === 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#uploadCoverAction': {
    kind: 'guarded',
    fields: (c) => ({ slug: c.slug, cover: { name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from(c.extra.png!, 'base64') } }),
    setup: async (c) => {
      c.extra.png = (
        await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0b5d4b' } })
          .png()
          .toBuffer()
      ).toString('base64');
    },
    changed: async (c) => (await sql()`select 1 from petition_images where petition_id = ${c.petitionId}`).length > 0,
  },
  'app/[locale]/(site)/dashboard/actions.ts#removeCoverAction': {
    kind: 'guarded',
    setup: async (c) => {
      await sql()`insert into petition_images (petition_id, data, content_type, width, height) values (${c.petitionId}, ${Buffer.from('x')}, 'image/jpeg', 1, 1)`;
    },
    fields: (c) => ({ slug: c.slug }),
    changed: async (c) => (await sql()`select 1 from petition_images where petition_id = ${c.petitionId}`).length === 0,
  },
  'app/[locale]/(site)/admin/actions.ts#saveAbuseSettingsAction': {
    kind: 'guarded',
    rightful: 'admin',
    setup: async (c) => {
      // Keep the other lists and limits as they are: only the marker domain is added.
      const list = async (q: Promise<{ v: string }[]>) => (await q).map((r) => r.v).join('\n');
      c.extra.allowedDomains = await list(sql()`select domain as v from allowed_email_domains`);
      c.extra.blockedDomains = await list(sql()`select pattern as v from blocked_email_domains`);
      c.extra.blockedRanges = await list(sql()`select range::text as v from blocked_ip_ranges`);
      c.extra.allowedRanges = await list(sql()`select range::text as v from allowed_ip_ranges`);
      c.extra.limits = JSON.stringify(await sql()`select name, max_count, window_seconds from abuse_limits`);
    },
    fields: (c) => ({
      ...Object.fromEntries(
        (JSON.parse(c.extra.limits!) as { name: string; max_count: number; window_seconds: number }[]).flatMap((l) => [
          [`${l.name}.maxCount`, String(l.max_count)],
          [`${l.name}.windowSeconds`, String(l.window_seconds)],
        ]),
      ),
      blockedDomains: `${c.extra.blockedDomains}\nmarker-${c.slug}.example`,
      blockedRanges: c.extra.blockedRanges!,
      allowedRanges: c.extra.allowedRanges!,
      allowedDomains: c.extra.allowedDomains!,
    }),
    changed: async (c) => (await sql()`select 1 from blocked_email_domains where pattern = ${`marker-${c.slug}.example`}`).length > 0,
  },
  'app/[locale]/(site)/admin/actions.ts#hidePetitionAction': {
    kind: 'guarded',
    rightful: 'admin',
    setup: async (c) => {
      c.extra.reportId = String((await one(sql()`insert into petition_reports (petition_id, reason) values (${c.petitionId}, 'spam') returning id`)).id);
    },
    fields: (c) => ({ reportId: c.extra.reportId! }),
    changed: async (c) => (await one(sql()`select hidden_at from petitions where id = ${c.petitionId}`)).hidden_at !== null,
  },
  'app/[locale]/(site)/admin/actions.ts#dismissReportAction': {
    kind: 'guarded',
    rightful: 'admin',
    setup: async (c) => {
      c.extra.reportId = String((await one(sql()`insert into petition_reports (petition_id, reason) values (${c.petitionId}, 'spam') returning id`)).id);
    },
    fields: (c) => ({ reportId: c.extra.reportId! }),
    changed: async (c) => (await one(sql()`select dismissed_at from petition_reports where id = ${c.extra.reportId!}`)).dismissed_at !== null,
  },
  'app/[locale]/(site)/invites/[token]/actions.ts#acceptInviteAction': {
    kind: 'guarded',
    rightful: 'invitee',
    setup: async (c) => {
      c.extra.token = `invite${c.slug.replace(/-/g, '')}`.padEnd(43, 'x').slice(0, 43);
      await sql()`insert into organiser_invites (petition_id, email, token_hash, expires_at)
        values (${c.petitionId}, ${`invitee-${c.slug}@example.org`}, ${hashToken(c.extra.token, E2E_SECRET)}, now() + interval '1 day')`;
    },
    fields: () => ({}),
    bound: (c) => [c.extra.token],
    changed: async (c) => (await one(sql()`select accepted_at from organiser_invites where petition_id = ${c.petitionId}`)).accepted_at !== null,
  },
};

/** A server action invoked the way a browser without JavaScript posts a form. */
async function postAction(
  request: APIRequestContext,
  url: string,
  cookie: string,
  id: string,
  bound: unknown[],
  fields: OrganiserAction extends { fields: (c: Ctx) => infer F } ? F : never,
) {
  const res = await request.post(url, {
    headers: { cookie, origin: test.info().project.use.baseURL! },
    multipart: {
      $ACTION_REF_1: '',
      '$ACTION_1:0': JSON.stringify({ id, bound: '$@1' }),
      '$ACTION_1:1': JSON.stringify([...bound, { status: 'idle' }]),
      ...fields,
    },
    maxRedirects: 0,
  });
  expect(res.status(), `action ${id} answered ${res.status()}`).toBeLessThan(500);
}

function pageRoutes(dir: string, base = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pageRoutes(full, `${base}/${name}`);
    return name === 'page.tsx' ? [base || '/'] : [];
  });
}

test('every server action either is public by design or refuses a stranger and serves its rightful user', async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  type Entry = { filename: string; exportedName: string; workers: Record<string, unknown> };
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, Entry> };
  // An action is found through a page that uses it: post to the first such page.
  const actions = Object.entries(manifest.node).map(([id, a]) => ({
    id,
    key: `${a.filename}#${a.exportedName}`,
    page:
      Object.keys(a.workers)
        .find((w) => w.endsWith('/page') && !w.includes('[...'))
        ?.replace(/^app\/\[locale\]/, '')
        .replace(/\/\([^/]+\)/g, '')
        .replace(/\/page$/, '') ?? '/',
  }));
  const unlisted = actions.filter((a) => !(a.key in ACTIONS)).map((a) => a.key);
  expect(unlisted, 'server actions missing from the permission table').toEqual([]);

  const stranger = await organiserSession('stranger@example.org');
  const owner = await organiserSession('rightful-owner@example.org');
  const admin = await organiserSession('admin@undersign.test');
  const request = await playwright.request.newContext({ baseURL });
  const cookieOf = (s: { cookie: { name: string; value: string } }) => `${s.cookie.name}=${s.cookie.value}`;

  for (const { id, key, page } of actions) {
    const entry = ACTIONS[key]!;
    if (entry.kind === 'public') continue;
    const petition = await createPetition();
    await sql()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;
    const ctx: Ctx = { slug: petition.slug, petitionId: petition.id, extra: {} };
    await entry.setup?.(ctx);
    const bound = entry.bound?.(ctx) ?? [];
    const url = page.replace('[slug]', ctx.slug).replace('[token]', ctx.extra.token ?? 'x'.repeat(43)) || '/';

    await postAction(request, url, cookieOf(stranger), id, bound, entry.fields(ctx));
    expect(await entry.changed(ctx), `${key} must refuse someone who is not allowed`).toBe(false);

    const rightful = entry.rightful === 'admin' ? admin : entry.rightful === 'invitee' ? await organiserSession(`invitee-${ctx.slug}@example.org`) : owner;
    await postAction(request, url, cookieOf(rightful), id, bound, entry.fields(ctx));
    expect(await entry.changed(ctx), `${key} must work for its rightful user (proves the request was well formed)`).toBe(true);
  }
  await request.dispose();
});

const PAGES: Record<string, 'own-petition' | 'own-list' | 'admin'> = {
  '/dashboard': 'own-list',
  '/dashboard/petitions/new': 'own-list',
  '/dashboard/petitions/[slug]': 'own-petition',
  '/dashboard/petitions/[slug]/edit': 'own-petition',
  '/dashboard/petitions/[slug]/preview': 'own-petition',
  '/dashboard/petitions/[slug]/translations': 'own-petition',
  '/dashboard/petitions/[slug]/questions': 'own-petition',
  '/dashboard/petitions/[slug]/invalidate': 'own-petition',
  '/dashboard/petitions/[slug]/delivery': 'own-petition',
  '/dashboard/petitions/[slug]/integrations': 'own-petition',
  '/dashboard/api-keys': 'own-list',
  '/admin/reports': 'admin',
  '/admin/abuse': 'admin',
};

test('every organiser and admin page refuses a stranger and serves its rightful user', async ({ playwright, baseURL }) => {
  const found = ['dashboard', 'admin'].flatMap((d) => pageRoutes(`app/[locale]/(site)/${d}`, `/${d}`)).map((r) => r.replace(/\/$/, ''));
  expect(
    found.filter((r) => !(r in PAGES)),
    'pages missing from the permission table',
  ).toEqual([]);

  const stranger = await organiserSession('page-stranger@example.org');
  const owner = await organiserSession('page-owner@example.org');
  const admin = await organiserSession('admin@undersign.test');
  const petition = await createPetition({ title: `Owner only ${Date.now()}` });
  await sql()`insert into petition_organisers (petition_id, account_id, role) values (${petition.id}, ${owner.accountId}, 'owner')`;
  const request = await playwright.request.newContext({ baseURL });
  const get = (url: string, s: { cookie: { name: string; value: string } }) =>
    request.get(url, { headers: { cookie: `${s.cookie.name}=${s.cookie.value}` }, maxRedirects: 0 });

  for (const [template, kind] of Object.entries(PAGES)) {
    const url = template.replace('[slug]', petition.slug);
    if (kind === 'own-petition') {
      expect((await get(url, stranger)).status(), `${url} as a stranger`).toBe(404);
      expect((await get(url, owner)).status(), `${url} as the owner`).toBe(200);
    } else if (kind === 'admin') {
      expect((await get(url, stranger)).status(), `${url} as a non-admin`).toBe(404);
      expect((await get(url, admin)).status(), `${url} as an admin`).toBe(200);
    } else {
      const res = await get(url, stranger);
      expect(res.status()).toBe(200);
      expect(await res.text(), `${url} shows only the stranger's own petitions`).not.toContain(petition.title);
    }
    const anonymous = await request.get(url, { maxRedirects: 0 });
    expect(anonymous.status(), `${url} without a session`).toBe(307);
    expect(anonymous.headers().location).toContain('/login?next=');
  }
  await request.dispose();
});

test('every route handler is listed with who may call it', async () => {
  const routes = (function walk(dir: string, base: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return walk(full, `${base}/${name}`);
      return name === 'route.ts' ? [base] : [];
    });
  })('app', '');
  const ROUTES: Record<string, string> = {
    '/api/petitions': 'public: open petitions only',
    '/api/petitions/[slug]': 'public: published petitions only, no personal data',
    '/api/petitions/[slug]/signatures': 'public: signing',
    '/api/petitions/[slug]/cover': 'public: covers of published petitions only',
    '/api/petitions/[slug]/preview': 'public: preview cards of published petitions only',
    '/api/oembed': 'public: embed markup for published petitions only',
    '/api/my-signature': 'the emailed token is the credential; form posts from this site only',
    '/api/confirmations': 'public: the emailed token is the credential',
    '/api/bench/insert': 'benchmark baseline: 404 unless the server runs with BENCH_BASELINES=1',
    '/api/bench/static': 'benchmark baseline: a fixed static page, no data',
    '/api/unsubscribe/[token]': 'public: the signed link is the credential',
    '/api/petitions/[slug]/count': 'public open data: published petitions only, counts only',
    '/api/petitions/[slug]/signatures-per-hour': 'public open data: published petitions only, counts only',
    '/api/petitions/[slug]/countries': 'public open data: published petitions only, counts only',
    '/api/dashboard/petitions/[slug]/export': 'organisers of the petition only (checked below)',
    '/api/dashboard/petitions/[slug]/search':
      'anyone, from this site only: it puts their own search in a cookie on their own browser; the dashboard page checks who may see what',
    '/api/petitions/[slug]/sign': 'public: signing without JavaScript; form posts from this site only',
    '/api/petitions/[slug]/deliveries/[id]/list': 'public open data: a delivery of a published petition; signature ids, times and countries only',
    '/api/v1/petitions': "organiser API: the API key's account, its own petitions only (tests/integration/organiser-api.test.ts)",
    '/api/v1/petitions/[slug]/signatures': "organiser API: petitions of the API key's account only, else 404 (tests/integration/organiser-api.test.ts)",
    '/api/v1/petitions/[slug]/osdi/signatures': "organiser API: petitions of the API key's account only, else 404 (tests/integration/organiser-api.test.ts)",
    '/api/v1/petitions/[slug]/updates': "organiser API: petitions of the API key's account only, else 404 (tests/integration/organiser-api.test.ts)",
    '/api/v1/petitions/[slug]/responses': "organiser API: petitions of the API key's account only, else 404 (tests/integration/organiser-api.test.ts)",
    '/[locale]/(site)/p/[slug]/deliveries/[id]': 'public: the delivery document of a published petition; consenting signers as first name and initial',
  };
  expect(
    routes.filter((r) => !(r in ROUTES)),
    'route handlers missing from the permission table',
  ).toEqual([]);
  const draft = await createPetition({ status: 'draft' });
  await database()`insert into petition_images (petition_id, data, content_type, width, height) values (${draft.id}, ${Buffer.from('x')}, 'image/jpeg', 1, 1)`;
  const res = await (await import('@playwright/test')).request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await res.get(`/api/petitions/${draft.slug}/cover`)).status()).toBe(404);
  expect((await res.post('/api/bench/insert', { data: { name: 'x', email: 'x' } })).status(), 'the benchmark baseline is off in production').toBe(404);
  for (const path of ['', '/count', '/signatures-per-hour', '/countries', '/preview']) {
    expect((await res.get(`/api/petitions/${draft.slug}${path}`)).status(), `a draft's ${path || 'petition'} is not public`).toBe(404);
  }

  const stranger = await organiserSession('export-stranger@example.org');
  const owner = await organiserSession('export-owner@example.org');
  await database()`insert into petition_organisers (petition_id, account_id, role) values (${draft.id}, ${owner.accountId}, 'owner')`;
  const exportUrl = `/api/dashboard/petitions/${draft.slug}/export?scope=all`;
  expect((await res.get(exportUrl)).status(), 'export without a session').toBe(404);
  expect((await res.get(exportUrl, { headers: { cookie: `undersign_session=${stranger.cookie.value}` } })).status(), 'export by a stranger').toBe(404);
  const own = await res.get(exportUrl, { headers: { cookie: `undersign_session=${owner.cookie.value}` } });
  expect(own.status(), 'export by the owner').toBe(200);
  expect(own.headers()['content-type']).toContain('text/csv');
  await res.dispose();
});
