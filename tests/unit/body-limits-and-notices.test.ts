import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyLimitFor, MAX_BODY_BYTES, MAX_ORGANISER_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from '@/lib/http/body-limit';
import { allowedDevOrigins } from '@/lib/http/dev-origins';
import { noticeLocale, outagePage } from '@/lib/http/notice-page';

test('each path has its body limit: 6 MB where the cover is uploaded, 1 MB on organiser and admin pages, 64 KB elsewhere', () => {
  assert.equal(bodyLimitFor('/api/petitions/river/signatures'), MAX_BODY_BYTES);
  assert.equal(bodyLimitFor('/p/river'), MAX_BODY_BYTES);
  assert.equal(bodyLimitFor('/ar/p/river'), MAX_BODY_BYTES);
  assert.equal(bodyLimitFor('/dashboard/petitions/river'), MAX_UPLOAD_BODY_BYTES);
  assert.equal(bodyLimitFor('/fa/dashboard/petitions/river/'), MAX_UPLOAD_BODY_BYTES);
  assert.equal(bodyLimitFor('/dashboard/petitions/river/edit'), MAX_ORGANISER_BODY_BYTES);
  assert.equal(bodyLimitFor('/ar/admin/abuse'), MAX_ORGANISER_BODY_BYTES);
  assert.equal(bodyLimitFor('/dashboardx'), MAX_BODY_BYTES);
});

test('a notice page speaks the path’s language, else the language cookie, else the browser’s', () => {
  assert.equal(noticeLocale('/fa/p/river', new Headers({ 'accept-language': 'en' })), 'fa');
  assert.equal(noticeLocale('/', new Headers({ cookie: 'theme=dark; NEXT_LOCALE=ar', 'accept-language': 'fa' })), 'ar');
  assert.equal(noticeLocale('/p/river', new Headers({ 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' })), 'fa');
  assert.equal(noticeLocale('/de/p/river', new Headers()), 'en');
});

test('the outage page is right-to-left in Arabic, asks to retry later, and its link never leaves the site', () => {
  const page = outagePage('ar', '//evil.example/p/river');
  assert.equal(page.status, 503);
  assert.ok(Number(page.headers['retry-after']) > 0);
  assert.match(page.body, /<html lang="ar" dir="rtl">/);
  assert.match(page.body, /href="\/evil\.example\/p\/river"/);
});

test('the development server serves 127.0.0.1, ::1 and APP_URL’s host besides localhost', () => {
  const hosts = allowedDevOrigins('https://petitions.example.org:8443/');
  for (const host of ['127.0.0.1', '[::1]', 'petitions.example.org']) assert.ok(hosts.includes(host), host);
  assert.ok(allowedDevOrigins('not a url').includes('127.0.0.1'));
});
