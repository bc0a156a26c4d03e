import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oembedFor, petitionFromUrl } from '@/lib/sharing/oembed';

const APP = 'https://undersign.example';

test('the oEmbed answer has the rich-type fields a consumer requires, with an iframe of the widget', () => {
  const answer = oembedFor({ slug: 'free-the-may-day-12', title: 'Free the May Day 12', locale: 'en' }, APP);
  assert.deepEqual(Object.keys(answer).sort(), ['cache_age', 'height', 'html', 'provider_name', 'provider_url', 'title', 'type', 'version', 'width']);
  assert.equal(answer.version, '1.0');
  assert.equal(answer.type, 'rich');
  assert.equal(answer.provider_url, APP);
  assert.ok(Number.isInteger(answer.width) && Number.isInteger(answer.height));
  assert.match(answer.html, /^<iframe src="https:\/\/undersign\.example\/p\/free-the-may-day-12\/embed" /);
  assert.match(answer.html, /<script async src="https:\/\/undersign\.example\/embed\.js"><\/script>$/);
});

test('the widget keeps the language of the URL and respects maxwidth/maxheight', () => {
  const answer = oembedFor({ slug: 'x', title: 'عنوان', locale: 'ar' }, APP, { width: 320, height: 10_000 });
  assert.match(answer.html, /src="https:\/\/undersign\.example\/ar\/p\/x\/embed"/);
  assert.equal(answer.width, 320);
  assert.ok(answer.height <= 640);
});

test('a hostile title cannot break out of the iframe markup', () => {
  const answer = oembedFor({ slug: 'x', title: '"><script>alert(1)</script>', locale: 'en' }, APP);
  assert.ok(!answer.html.includes('<script>alert'), answer.html);
  assert.match(answer.html, /title="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
});

test('only petition URLs of this site are embeddable', () => {
  assert.deepEqual(petitionFromUrl(`${APP}/p/free-the-may-day-12?source=whatsapp`, APP), { slug: 'free-the-may-day-12', locale: 'en' });
  assert.deepEqual(petitionFromUrl(`${APP}/ar/p/free-the-may-day-12/poster`, APP), { slug: 'free-the-may-day-12', locale: 'ar' });
  assert.equal(petitionFromUrl('https://evil.example/p/free-the-may-day-12', APP), null);
  assert.equal(petitionFromUrl(`${APP}/dashboard`, APP), null);
  assert.equal(petitionFromUrl(`${APP}/xx/p/a`, APP), null);
  assert.equal(petitionFromUrl('not a url', APP), null);
});
