import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSlug, slugify } from '@/lib/petitions/slug';

test('a slug proposed from an English title keeps its words', () => {
  assert.equal(slugify('Save the park!'), 'save-the-park');
  assert.equal(slugify('  Ça va, été 2026  '), 'ca-va-ete-2026');
});

test('a slug proposed from an Arabic title is a readable Latin transliteration', () => {
  const slug = slugify('أطلقوا سراح المعتقلين');
  assert.equal(slug, 'atlqwa-srah-almetqlyn');
  assert.ok(isSlug(slug));
});

test('a slug proposed from a Persian title transliterates the Persian letters and digits', () => {
  assert.equal(slugify('آزادی فعالان کارگری'), 'azady-fealan-kargry');
  // The letters Arabic does not have (پ چ ژ گ) and the Persian forms of kaf and yeh.
  assert.equal(slugify('پ چ ژ گ ک ی'), 'p-ch-zh-g-k-y');
  // The zero-width non-joiner inside a word, Persian digits, right-to-left marks.
  assert.equal(slugify('\u200fمدرسه‌ها ۱۴۰۳\u200f'), 'mdrsh-ha-1403');
});

test('every proposed slug is a valid slug of at most 60 characters, or empty when nothing can be transliterated', () => {
  for (const title of ['آزادی فعالان کارگری '.repeat(10), 'Free them all — now!', 'حرية الصحافة في مصر', '---', '😀']) {
    const slug = slugify(title);
    assert.ok(slug === '' || (isSlug(slug) && slug.length <= 60), `${title} → ${slug}`);
  }
  assert.equal(slugify('😀'), '');
});
