import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { catalogues } from '@/lib/i18n/catalogues';
import { formatNumber, formatTimeAgo, progressPercent } from '@/lib/i18n/format';
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

test('every catalogue file is registered as a language, and every language has its file', () => {
  const files = readdirSync(path.join(import.meta.dirname, '../../lib/i18n/messages'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  assert.deepEqual([...files].sort(), [...locales].sort());
  assert.deepEqual(Object.keys(catalogues).sort(), [...locales].sort());
});

test('no catalogue leaves a message empty or untranslated from its ICU structure', () => {
  for (const locale of locales) {
    const t = translatorFor(locale);
    // Messages with a rich-text tag (<title></title>) take a function, rendered by React only.
    const rich = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogues.en) as string;
    for (const key of keys(catalogues.en).filter((k) => !/<\w+>/.test(rich(k)))) {
      const text = t(key, {
        count: 2,
        title: 'T',
        target: 'X',
        email: 'e',
        seconds: 5,
        days: 14,
        minutes: 20,
        name: 'N',
        goal: 10,
        max: 5,
        mb: 5,
        n: 1,
        percent: 5,
        inviter: 'I',
        sent: 1,
        total: 2,
        recipients: 2,
        remaining: 1,
        language: 'L',
        ipDays: 30,
        anonymiseDays: 180,
        matching: 2,
        counted: 1,
        held: 1,
        changed: 2,
        restorable: 2,
        date: '1 May 2026',
        hours: 24,
        time: '1 May 2026, 10:00',
      });
      assert.ok(text.trim().length > 0 && !text.startsWith(`${key.split('.')[0]}.`), `${locale}: ${key} renders as "${text}"`);
    }
  }
});

test('Persian uses Persian digits and is right-to-left', () => {
  assert.equal(translatorFor('fa')('petition.signatures', { count: 1234 }), '۱٬۲۳۴ امضا');
  assert.equal(formatNumber('fa', 12), '۱۲');
  assert.equal(directionOf('fa'), 'rtl');
  assert.equal(negotiateLocale(null, 'fa-IR,fa;q=0.9,en;q=0.5'), 'fa');
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
