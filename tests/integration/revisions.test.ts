import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Organiser } from '@/lib/auth/session';
import { savePetition } from '@/lib/petitions/save';
import { listRevisions } from '@/lib/revisions/queries';
import { startBackend } from '../support/app';

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ smtp: false, worker: false });
});
after(() => app.stop());

test('revisions record each change to the title, targets and demands once the petition has signatures, and nothing before', async () => {
  const [acc] = await app.sql`insert into accounts (email) values ('revisions@example.org') returning id`;
  const owner: Organiser = { id: acc!.id, email: 'revisions@example.org', isAdmin: false };
  const base = { summary: 'Summary', goal: '100', language: 'en' };
  const created = await savePetition(owner, null, { ...base, title: 'First title', target: 'The Council', demands: ['One'] }, 'publish');
  const slug = created.status === 'saved' ? created.slug : '';
  const [p] = await app.sql`select id from petitions where slug = ${slug}`;

  // Before anyone signed: drafting, no revision.
  await savePetition(owner, slug, { ...base, slug, title: 'Second title', target: 'The Council', demands: ['One', 'Two'] }, 'draft');
  assert.deepEqual(await listRevisions(p!.id), []);

  await app.sql`insert into signatures (petition_id, name, email, canonical_email, country) values (${p!.id}, 'S', 's@example.org', 's@example.org', 'FR')`;
  await app.sealLegacySignatures();
  // A change to the summary alone is not a revision of what was signed.
  await savePetition(owner, slug, { ...base, slug, summary: 'New summary', title: 'Second title', target: 'The Council', demands: ['One', 'Two'] }, 'draft');
  assert.deepEqual(await listRevisions(p!.id), []);

  await savePetition(owner, slug, { ...base, slug, title: 'Third title', target: 'The Council', demands: ['One', 'Two'] }, 'draft');
  await savePetition(
    owner,
    slug,
    { ...base, slug, title: 'Third title', targets: [{ name: 'The Council', role: 'City hall' }, { name: 'The Mayor' }], demands: ['Two', 'One, changed'] },
    'draft',
  );
  const revisions = await listRevisions(p!.id);
  assert.deepEqual(
    revisions.map((r) => r.changes),
    [
      {
        targets: { from: ['The Council'], to: ['The Council (City hall)', 'The Mayor'] },
        demands: { from: ['One', 'Two'], to: ['Two', 'One, changed'] },
      },
      { title: { from: 'Second title', to: 'Third title' } },
    ],
  );
});
