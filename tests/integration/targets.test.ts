import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { GET as getPetition } from '@/app/api/petitions/[slug]/route';
import type { Organiser } from '@/lib/auth/session';
import { getPublicPetition } from '@/lib/petitions/queries';
import { savePetition } from '@/lib/petitions/save';
import { petitionFormValues } from '@/lib/petitions/schemas';
import { listTargets } from '@/lib/targets/queries';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ smtp: false, worker: false });
});
after(() => app.stop());

const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });

async function organiser(email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  return { id: row!.id, email, isAdmin: false };
}

function editorForm(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) form.append(k, x);
  return form;
}

const base = { title: 'Free the detained workers', summary: 'Fourteen were arrested.', goal: '1000', language: 'en', demands: ['Release them'] };

test('the migration makes each existing free-text target the first target, word for word', async () => {
  const p = await app.createPetition({ title: 'Older petition', target: 'وزير العدل', language: 'ar' });
  await app.sql`delete from petition_targets`;
  const migration = readdirSync('db/migrations').find((f) => f.startsWith('0026_'))!;
  await app.sql.unsafe(readFileSync(`db/migrations/${migration}`, 'utf8'));
  const rows = await app.sql`select name, role, email, language, position from petition_targets where petition_id = ${p.id}`;
  assert.deepEqual([...rows], [{ name: 'وزير العدل', role: '', email: null, language: 'ar', position: 0 }]);
  assert.equal((await getPublicPetition(p.slug))?.target, 'وزير العدل', 'the one-line target is unchanged');
});

test('the editor saves, reorders and removes targets, keeping ids; the page and API list them without emails', async () => {
  const owner = await organiser('targets.owner@example.org');
  const form = editorForm({
    ...base,
    targetId: ['', ''],
    targetName: ['ILO Office for Iran', 'Embassy of Iran in Beirut'],
    targetRole: ['Country office', 'سفارة'],
    targetEmail: ['ilo@example.org', 'EMBASSY@مثال.مصر'],
    targetLanguage: ['en', 'ar'],
  });
  const saved = await savePetition(owner, null, petitionFormValues(form), 'publish');
  assert.equal(saved.status, 'saved');
  const slug = saved.status === 'saved' ? saved.slug : '';
  const petition = (await app.sql`select id, target from petitions where slug = ${slug}`)[0]!;
  const first = await listTargets(petition.id);
  assert.deepEqual(
    first.map((t) => [t.name, t.role, t.email, t.language]),
    [
      ['ILO Office for Iran', 'Country office', 'ilo@example.org', 'en'],
      ['Embassy of Iran in Beirut', 'سفارة', 'EMBASSY@xn--mgbh0fb.xn--wgbh1c', 'ar'],
    ],
  );
  assert.equal(petition.target, 'ILO Office for Iran, Embassy of Iran in Beirut');

  // Reorder, edit one, add a third, then remove the first: ids of kept targets stay.
  const [ilo, embassy] = first;
  const again = editorForm({
    ...base,
    slug,
    targetId: [embassy!.id, ilo!.id, ''],
    targetName: ['Embassy of Iran in Beirut', 'ILO Office for Iran', 'Head of the Judiciary'],
    targetRole: ['سفارة', 'Regional office', ''],
    targetEmail: ['', 'ilo@example.org', ''],
    targetLanguage: ['ar', 'en', 'fa'],
  });
  assert.equal((await savePetition(owner, slug, petitionFormValues(again), 'draft')).status, 'saved');
  const second = await listTargets(petition.id);
  assert.deepEqual(
    second.map((t) => [t.id === embassy!.id, t.id === ilo!.id, t.name, t.role, t.email, t.language]),
    [
      [true, false, 'Embassy of Iran in Beirut', 'سفارة', null, 'ar'],
      [false, true, 'ILO Office for Iran', 'Regional office', 'ilo@example.org', 'en'],
      [false, false, 'Head of the Judiciary', '', null, 'fa'],
    ],
  );
  const removed = editorForm({
    ...base,
    slug,
    targetId: [ilo!.id],
    targetName: ['ILO Office for Iran'],
    targetRole: [''],
    targetEmail: ['ilo@example.org'],
    targetLanguage: ['en'],
  });
  assert.equal((await savePetition(owner, slug, petitionFormValues(removed), 'draft')).status, 'saved');
  assert.deepEqual(
    (await listTargets(petition.id)).map((t) => t.id),
    [ilo!.id],
  );

  const page = await getPublicPetition(slug);
  assert.deepEqual(
    page?.targets.map((t) => [t.name, t.language]),
    [['ILO Office for Iran', 'en']],
  );
  const body = await (await getPetition(new Request(`http://app.test/api/petitions/${slug}`), ctx(slug))).json();
  assert.deepEqual(body.targets, [{ name: 'ILO Office for Iran', role: '', language: 'en' }]);
  assert.ok(!JSON.stringify(body).includes('@'), 'no email address reaches the API');
});

test('a target row with an email but no name, or a bad address, is refused with catalogue keys; an id from another petition is not taken over', async () => {
  const owner = await organiser('targets.checks@example.org');
  const missingName = await savePetition(owner, null, petitionFormValues(editorForm({ ...base, targetName: [''], targetEmail: ['a@example.org'] })), 'draft');
  assert.deepEqual(missingName.status === 'invalid' ? missingName.errors.targets : null, ['targetNameRequired']);
  const badEmail = await savePetition(owner, null, petitionFormValues(editorForm({ ...base, targetName: ['X'], targetEmail: ['not an address'] })), 'draft');
  assert.deepEqual(badEmail.status === 'invalid' ? badEmail.errors.targets : null, ['targetEmailInvalid']);
  const none = await savePetition(owner, null, petitionFormValues(editorForm({ ...base, targetName: [''] })), 'publish');
  assert.deepEqual(none.status === 'invalid' ? none.errors.target : null, ['targetRequired']);

  const other = await app.createPetition({ title: 'Someone else’s' });
  const [theirs] = await listTargets(other.id);
  const saved = await savePetition(owner, null, petitionFormValues(editorForm({ ...base, targetId: [theirs!.id], targetName: ['Mine now?'] })), 'draft');
  assert.equal(saved.status, 'saved');
  assert.deepEqual(
    (await listTargets(other.id)).map((t) => [t.id, t.name]),
    [[theirs!.id, 'The Water Authority']],
  );
});
