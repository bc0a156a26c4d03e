import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogues } from '@/lib/i18n/catalogues';
import { formatTimeAgo, progressPercent } from '@/lib/i18n/format';
import { directionOf, locales, negotiateLocale } from '@/lib/i18n/locales';
import { localizedPath } from '@/lib/i18n/paths';
import { translatorFor } from '@/lib/i18n/translate';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

test('every catalogue has exactly the keys of the English one', () => {
  const expected = keys(catalogues.en).sort();
  for (const locale of locales) assert.deepEqual(keys(catalogues[locale]).sort(), expected, `catalogue ${locale}`);
});

test('Arabic uses its six plural forms', () => {
  const t = translatorFor('ar');
  const forms = [0, 1, 2, 3, 11, 100].map((count) => t('petition.signatures', { count }));
  assert.equal(new Set(forms).size, 6, forms.join(' | '));
  assert.equal(forms[1], 'توقيع واحد');
  assert.equal(forms[2], 'توقيعان');
});

test('English pluralises one and other', () => {
  const t = translatorFor('en');
  assert.equal(t('petition.signatures', { count: 1 }), '1 signature');
  assert.equal(t('petition.signatures', { count: 1500 }), '1,500 signatures');
});

test('the language comes from an explicit choice, then Accept-Language, then English', () => {
  assert.equal(negotiateLocale('ar', 'en'), 'ar');
  assert.equal(negotiateLocale(null, 'fr-FR,ar-EG;q=0.8,en;q=0.5'), 'ar');
  assert.equal(negotiateLocale(null, 'en;q=0.2,ar;q=0.9'), 'ar');
  assert.equal(negotiateLocale('xx', 'de'), 'en');
  assert.equal(negotiateLocale(undefined, undefined), 'en');
});

test('Arabic is right-to-left, English left-to-right', () => {
  assert.equal(directionOf('ar'), 'rtl');
  assert.equal(directionOf('fa-IR'), 'rtl');
  assert.equal(directionOf('en'), 'ltr');
});

test('English paths stay unprefixed; other languages are prefixed', () => {
  assert.equal(localizedPath('en', '/p/x'), '/p/x');
  assert.equal(localizedPath('ar', '/p/x'), '/ar/p/x');
  assert.equal(localizedPath('ar', '/'), '/ar');
});

test('relative times and progress', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  assert.equal(formatTimeAgo('en', new Date('2026-01-01T11:57:00Z'), now), '3 minutes ago');
  assert.equal(progressPercent(250, 1000), 25);
  assert.equal(progressPercent(5000, 1000), 100);
});
