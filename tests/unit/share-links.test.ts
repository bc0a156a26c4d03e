import assert from 'node:assert/strict';
import { test } from 'node:test';
import { petitionShareUrl, referralCodeFrom, shareLinks } from '@/lib/sharing/share-links';

const title = 'أطلقوا سراح معتقلي عيد العمال & friends';

test('every channel link carries its own source tag and the signer’s referral code', () => {
  const links = shareLinks({ appUrl: 'https://petitions.example.org', slug: 'free-them', title, locale: 'ar', ref: '0123456789' });
  assert.deepEqual(
    links.map((l) => l.channel),
    ['whatsapp', 'telegram', 'x', 'facebook', 'email', 'sms'],
  );
  for (const { channel, href } of links) {
    const decoded = decodeURIComponent(href);
    assert.ok(decoded.includes(`https://petitions.example.org/ar/p/free-them?source=${channel}&ref=0123456789`), `${channel}: ${decoded}`);
  }
});

test('Arabic titles and reserved characters are percent-encoded, never breaking the share URL', () => {
  const [whatsapp, telegram] = shareLinks({ appUrl: 'https://p.example', slug: 's', title });
  assert.ok(!/[\u0600-\u06FF &]/.test(whatsapp!.href), whatsapp!.href);
  assert.equal(new URL(telegram!.href).searchParams.get('text'), title);
  assert.equal(new URL(telegram!.href).searchParams.get('url'), 'https://p.example/p/s?source=telegram');
});

test('English links stay unprefixed; referral codes are accepted only in their own shape', () => {
  assert.equal(petitionShareUrl('https://p.example', 'x'), 'https://p.example/p/x');
  assert.equal(referralCodeFrom('0123456789'), '0123456789');
  assert.equal(referralCodeFrom('0123456789abcdef'), '0123456789abcdef');
  for (const bad of ['', 'ABCDEF0123', '0123', '0123456789abc', '<script>', 42]) assert.equal(referralCodeFrom(bad), undefined);
});
