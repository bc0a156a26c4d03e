import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { POST as postConfirmation } from '@/app/api/confirmations/route';
import { GET as getOembed } from '@/app/api/oembed/route';
import { GET as getCount } from '@/app/api/petitions/[slug]/count/route';
import { GET as getCover } from '@/app/api/petitions/[slug]/cover/route';
import { POST as postSign } from '@/app/api/petitions/[slug]/sign/route';
import { POST as postSignature } from '@/app/api/petitions/[slug]/signatures/route';
import { translatorFor } from '@/lib/i18n/translate';
import { startBackend } from '../support/app';

// Every API error message comes from the catalogues, in the caller's language (Accept-Language),
// with the same JSON shape ({ error, message }) in English, Arabic and Persian.

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false, smtp: false });
});
after(() => app.stop());

const ctx = (slug: string) => ({ params: Promise.resolve({ slug }) });
const inLanguage = (locale: string, init: RequestInit = {}) => ({
  ...init,
  headers: { 'accept-language': locale, ...(init.headers as Record<string, string>) },
});

test('the API answers its errors in English, Arabic and Persian from the catalogues, in the same shape', async () => {
  for (const locale of ['en', 'ar', 'fa']) {
    const t = translatorFor(locale);
    const answers: [Response, string, string][] = [
      [
        await getCount(new Request('http://app.test/api/petitions/nothing-here/count', inLanguage(locale)), ctx('nothing-here')),
        'not_found',
        t('errors.petitionNotFound'),
      ],
      [
        await getCover(new Request('http://app.test/api/petitions/nothing-here/cover', inLanguage(locale)), ctx('nothing-here')),
        'not_found',
        t('api.coverNotFound'),
      ],
      [await getOembed(new Request('http://app.test/api/oembed?url=x&format=xml', inLanguage(locale))), 'not_implemented', t('api.oembedJsonOnly')],
      [await getOembed(new Request('http://app.test/api/oembed', inLanguage(locale))), 'bad_request', t('api.oembedUrlMissing')],
      [
        await postConfirmation(
          new Request('http://app.test/api/confirmations', inLanguage(locale, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '{}' })),
        ),
        'forbidden',
        t('api.confirmFromEmail'),
      ],
      [
        await postSignature(
          new Request(
            'http://app.test/api/petitions/x/signatures',
            inLanguage(locale, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '{}' }),
          ),
          ctx('x'),
        ),
        'forbidden',
        t('api.signFromPageOrEmbed'),
      ],
    ];
    for (const [res, error, message] of answers) {
      assert.deepEqual(await res.json(), { error, message }, `${locale}: ${res.status}`);
      assert.match(res.headers.get('vary') ?? '', /accept-language/i);
    }
    if (locale !== 'en') assert.notEqual(t('api.coverNotFound'), translatorFor('en')('api.coverNotFound'), `${locale} is translated`);
    const refused = await postSign(
      new Request('http://app.test/api/petitions/x/sign', inLanguage(locale, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '' })),
      ctx('x'),
    );
    assert.equal(refused.status, 403);
    assert.equal(await refused.text(), t('api.signFromPage'));
  }
});

test('no route handler answers a hard-coded message', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  // Route handlers, and the answers of the hot writes they share with server.ts (lib/signatures/answer-*.ts).
  const routes = [
    ...readdirSync(path.join(root, 'app'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /^route\.ts$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name)),
    ...readdirSync(path.join(root, 'lib'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /^answer-.*\.ts$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name)),
  ];
  assert.ok(routes.length > 10);
  const literal = /message:\s*['"`]|new Response\(\s*['"`][^'"`]*[A-Za-z]{2}/;
  assert.deepEqual(
    routes.filter((file) => literal.test(readFileSync(file, 'utf8'))).map((file) => path.relative(root, file)),
    [],
  );
});
