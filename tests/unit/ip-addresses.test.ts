import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, hashableRange, ipHashes, ipRangeSet, normalizeIp, parseCidr } from '@/lib/security/ip';
import { registrableDomain } from '@/lib/signatures/email-domain';

const SECRET = 'unit-test-secret-that-is-at-least-32-characters';
const hex = (b: Buffer) => b.toString('hex');

test('one address has one form: IPv4-mapped IPv6 is IPv4, IPv6 in RFC 5952 form, zones and junk dropped', () => {
  assert.equal(normalizeIp('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(normalizeIp('::FFFF:c000:0201'), '192.0.2.1');
  assert.equal(normalizeIp('2001:0DB8:0000:0000::0001'), '2001:db8::1');
  assert.equal(normalizeIp('fe80::1%eth0'), 'fe80::1');
  assert.equal(normalizeIp(' 192.0.2.1 '), '192.0.2.1');
  // Forms a socket or proxy never writes, which would let one address be keyed two ways.
  for (const junk of ['127.1', '0x7f.0.0.1', '01.2.3.4', '1.2.3', 'example.org', '', null, undefined]) assert.equal(normalizeIp(junk), null, String(junk));
});

test('every address inside one IPv6 /64 hashes as one signer; the next /64 is another', () => {
  const one = hex(ipHashes('2001:db8:1:2::1', SECRET).ipHash);
  for (const same of ['2001:0db8:0001:0002:0:0:0:1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2:abcd::9']) {
    assert.equal(hex(ipHashes(same, SECRET).ipHash), one, same);
  }
  assert.notEqual(hex(ipHashes('2001:db8:1:3::1', SECRET).ipHash), one);
  // Their network is the /48: a /64 next door is in it, another /48 is not.
  const net = hex(ipHashes('2001:db8:1:2::1', SECRET).networkHash);
  assert.equal(hex(ipHashes('2001:db8:1:ffff::1', SECRET).networkHash), net);
  assert.notEqual(hex(ipHashes('2001:db8:2::1', SECRET).networkHash), net);
});

test('an IPv4 address and its IPv4-mapped IPv6 form hash alike; IPv4 networks are /24s', () => {
  const a = ipHashes('203.0.113.7', SECRET);
  const b = ipHashes('::ffff:203.0.113.7', SECRET);
  assert.equal(hex(a.ipHash), hex(b.ipHash));
  assert.equal(hex(a.networkHash), hex(ipHashes('203.0.113.250', SECRET).networkHash));
  assert.notEqual(hex(a.networkHash), hex(ipHashes('203.0.114.7', SECRET).networkHash));
});

test('the email budget counts the IPv4 /24 and the IPv6 /64', () => {
  assert.equal(hex(ipHashes('203.0.113.7', SECRET).budgetHash), hex(ipHashes('203.0.113.99', SECRET).budgetHash));
  assert.equal(hex(ipHashes('2001:db8:1:2::1', SECRET).budgetHash), hex(ipHashes('2001:db8:1:2::ffff', SECRET).budgetHash));
  assert.notEqual(hex(ipHashes('2001:db8:1:2::1', SECRET).budgetHash), hex(ipHashes('2001:db8:1:3::1', SECRET).budgetHash));
});

test('CIDR ranges read from people: host bits cleared, bare addresses are /32 or /128, mapped ranges are IPv4', () => {
  assert.deepEqual(parseCidr('192.0.2.77/24'), { ip: '192.0.2.0', prefix: 24, v4: true });
  assert.deepEqual(parseCidr('192.0.2.77'), { ip: '192.0.2.77', prefix: 32, v4: true });
  assert.deepEqual(parseCidr('2001:DB8::1/64'), { ip: '2001:db8::', prefix: 64, v4: false });
  assert.deepEqual(parseCidr('::ffff:192.0.2.0/120'), { ip: '192.0.2.0', prefix: 24, v4: true });
  for (const bad of ['192.0.2.0/33', '192.0.2.0/x', '192.0.2.0/24/8', '2001:db8::/129', 'not-an-ip', '::ffff:192.0.2.0/64'])
    assert.equal(parseCidr(bad), null, bad);
});

test('a range set matches every address inside its ranges, in any spelling, and nothing outside', () => {
  const inList = ipRangeSet(['192.0.2.128/25', '2001:db8:aa::/48', '198.51.100.9', 'garbage']);
  for (const ip of ['192.0.2.200', '::ffff:192.0.2.129', '2001:db8:aa:1::5', '2001:0DB8:00AA::1', '198.51.100.9']) assert.equal(inList(ip), true, ip);
  for (const ip of ['192.0.2.127', '2001:db8:ab::1', '198.51.100.10', 'garbage', null]) assert.equal(inList(ip), false, String(ip));
});

test('bulk rules by range: a /32 or an IPv6 /64 (or narrower) is one signer, a /24 or /48 a network, others cannot be matched', () => {
  const h = ipHashes('2001:db8:1:2::1', SECRET);
  assert.deepEqual(hashableRange('2001:db8:1:2::/64', SECRET), { column: 'ip', hash: h.ipHash });
  assert.deepEqual(hashableRange('2001:db8:1:2::77', SECRET), { column: 'ip', hash: h.ipHash });
  assert.deepEqual(hashableRange('2001:db8:1::/48', SECRET), { column: 'network', hash: h.networkHash });
  const v4 = ipHashes('203.0.113.9', SECRET);
  assert.deepEqual(hashableRange('203.0.113.9', SECRET), { column: 'ip', hash: v4.ipHash });
  assert.deepEqual(hashableRange('203.0.113.0/24', SECRET), { column: 'network', hash: v4.networkHash });
  assert.equal(hashableRange('203.0.0.0/16', SECRET), null);
  assert.equal(hashableRange('2001:db8::/56', SECRET), null);
});

test("the client address is the socket peer, or the trusted proxies' X-Forwarded-For entry, ports and brackets dropped", () => {
  assert.equal(clientAddress('::ffff:127.0.0.1', '198.51.100.1', 0), '127.0.0.1');
  assert.equal(clientAddress('10.0.0.1', 'spoofed, 198.51.100.1', 1), '198.51.100.1');
  assert.equal(clientAddress('10.0.0.1', '[2001:db8::1]:443, 10.0.0.2:8080', 2), '2001:db8::1');
  assert.equal(clientAddress('10.0.0.1', '198.51.100.1:4711', 1), '198.51.100.1');
  assert.equal(clientAddress('10.0.0.1', 'not-an-ip', 1), null);
});

test('the per-domain limit counts registrable domains from the Public Suffix List', () => {
  assert.equal(registrableDomain('a1.example.net'), 'example.net');
  assert.equal(registrableDomain('a2.example.net'), 'example.net');
  assert.equal(registrableDomain('mail.example.co.uk'), 'example.co.uk');
  assert.equal(registrableDomain('student.mail.uni.ac.uk'), 'uni.ac.uk');
  assert.equal(registrableDomain('gmail.com'), 'gmail.com');
  assert.equal(registrableDomain('mail.xn--mgbh0fb.xn--wgbh1c'), 'xn--mgbh0fb.xn--wgbh1c');
  // No registrable part: the domain as it is.
  assert.equal(registrableDomain('co.uk'), 'co.uk');
});
