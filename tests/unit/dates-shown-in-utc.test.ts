import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { dateTimeFormat, formatMoment } from '@/lib/i18n/format';

// Node reads TZ whenever it changes: each test runs the formatting as a server in that zone would.
const zones = ['America/Toronto', 'Asia/Tehran', 'UTC'];
const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

test('a dashboard day starting at UTC midnight is labelled with its own date, whatever the server’s zone', () => {
  for (const zone of zones) {
    process.env.TZ = zone;
    assert.equal(dateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date('2024-06-11T00:00:00Z')), 'Jun 11', zone);
  }
});

test('a moment shown to organisers is the UTC time and says so, whatever the server’s zone', () => {
  for (const zone of zones) {
    process.env.TZ = zone;
    assert.equal(formatMoment('en', new Date('2024-06-10T23:30:00Z')), 'Jun 10, 2024, 11:30 PM UTC', zone);
  }
});
