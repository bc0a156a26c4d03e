import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devMailboxLink } from '@/lib/http/dev-origins';

const app = 'http://localhost:3000';
const allowed = ['127.0.0.1', '[::1]', '192.168.1.20'];

test('a development email link opens on the host the mailbox was opened at, so a sign-in there keeps its session there', () => {
  assert.equal(devMailboxLink(`${app}/login/abc?next=%2Fdashboard`, app, '127.0.0.1:3000', allowed), 'http://127.0.0.1:3000/login/abc?next=%2Fdashboard');
  assert.equal(devMailboxLink(`${app}/ar/p/river/confirm/xyz`, app, '192.168.1.20:3000', allowed), 'http://192.168.1.20:3000/ar/p/river/confirm/xyz');
  assert.equal(devMailboxLink(`${app}/login/abc`, app, '[::1]:3000', allowed), 'http://[::1]:3000/login/abc');
  assert.equal(devMailboxLink(`${app}/login/abc`, app, 'localhost:3000', allowed), `${app}/login/abc`);
});

test('a development email link is left alone for a host the server is not served at, or a link elsewhere', () => {
  assert.equal(devMailboxLink(`${app}/login/abc`, app, 'evil.example:3000', allowed), `${app}/login/abc`);
  assert.equal(devMailboxLink(`${app}/login/abc`, app, null, allowed), `${app}/login/abc`);
  assert.equal(devMailboxLink('https://example.org/page', app, '127.0.0.1:3000', allowed), 'https://example.org/page');
});
