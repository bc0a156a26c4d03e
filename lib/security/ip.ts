import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';

// Every reading, masking and matching of an IP address goes through ipaddr.js, so one address has
// one form wherever it is keyed: `::ffff:192.0.2.1` is `192.0.2.1`, and `2001:db8::1`,
// `2001:0db8:0:0::1` and every other address of that /64 are one signer.

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** IPv4 in four-part decimal only (not `127.1` or `0x7f.0.0.1`), IPv6 with its zone dropped, IPv4-mapped IPv6 as IPv4. */
function parseAddress(raw: string): Address | null {
  const s = raw.trim();
  let addr: Address;
  // Only IPv6 has colons: each family is asked once (ipaddr.js's validity checks throw inside, which is slow).
  if (s.includes(':')) {
    try {
      // The zone (`%eth0`) names an interface of this host, not part of the address.
      addr = new ipaddr.IPv6(ipaddr.IPv6.parse(s).parts);
    } catch {
      return null;
    }
  } else if (ipaddr.IPv4.isValidFourPartDecimal(s)) addr = ipaddr.IPv4.parse(s);
  else return null;
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return (addr as ipaddr.IPv6).toIPv4Address();
  return addr;
}

const textOf = (addr: Address): string => (addr.kind() === 'ipv4' ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String());

/** The bytes of an address's first `prefix` bits, the rest zeroed. */
function maskedBytes(addr: Address, prefix: number): number[] {
  return addr.toByteArray().map((b, i) => b & (0xff << (8 - Math.min(8, Math.max(0, prefix - i * 8)))) & 0xff);
}

/** The network of `prefix` bits an address is in, as an address. */
const networkAddress = (addr: Address, prefix: number): Address => ipaddr.fromByteArray(maskedBytes(addr, prefix));

const maxPrefix = (addr: Address) => (addr.kind() === 'ipv4' ? 32 : 128);

/** The address as one canonical string (IPv4-mapped IPv6 becomes IPv4, IPv6 in RFC 5952 form), or null when it is not an IP. */
export function normalizeIp(raw: string | null | undefined): string | null {
  const addr = raw ? parseAddress(raw) : null;
  return addr ? textOf(addr) : null;
}

// What one signer is (an IPv4 address, an IPv6 /64: a subscriber usually holds a whole /64) and
// what one network is (an IPv4 /24, an IPv6 /48: one site). The IPv4 forms are those stored since
// the first release, so hashes made before still match.
const signerKey = (addr: Address) => (addr.kind() === 'ipv4' ? `ip:${textOf(addr)}` : `ip:${textOf(networkAddress(addr, 64))}/64`);
const networkKey = (addr: Address) => (addr.kind() === 'ipv4' ? `net:${textOf(networkAddress(addr, 24))}/24` : `net:${textOf(networkAddress(addr, 48))}/48`);

export type IpHashes = {
  /** The signer: the IPv4 address, or the IPv6 /64 it is in. Per-IP limits count it. */
  ipHash: Buffer;
  /** The network: the IPv4 /24 or the IPv6 /48. Bulk rules by network match it. */
  networkHash: Buffer;
  /** What the email budget counts: the IPv4 /24 (the network hash) or the IPv6 /64 (the signer hash). */
  budgetHash: Buffer;
};

/**
 * Keyed hashes of an address's signer and network: what is stored instead of the IP, so abuse can be
 * matched (same signer, same /24) while a copy of the database reveals no address. Takes an address
 * (as `normalizeIp` returns it); anything else is a programming error.
 */
export function ipHashes(ip: string, secret: string): IpHashes {
  const addr = parseAddress(ip);
  if (!addr) throw new TypeError('ipHashes: not an IP address');
  const h = (v: string) => createHmac('sha256', secret).update(v).digest();
  const ipHash = h(signerKey(addr));
  const networkHash = h(networkKey(addr));
  return { ipHash, networkHash, budgetHash: addr.kind() === 'ipv4' ? networkHash : ipHash };
}

/**
 * A CIDR range read from people: its network address (host bits cleared), prefix and family; a bare
 * address is its own /32 or /128, and an IPv4-mapped IPv6 range is the IPv4 range it maps.
 */
export function parseCidr(value: string): { ip: string; prefix: number; v4: boolean } | null {
  const [addrText, bits, ...rest] = value.trim().split('/');
  if (rest.length > 0 || addrText === undefined) return null;
  const raw = addrText.trim();
  const mapped = ipaddr.IPv6.isValid(raw) && ipaddr.IPv6.parse(raw).isIPv4MappedAddress();
  const addr = parseAddress(raw);
  if (!addr) return null;
  const v4 = addr.kind() === 'ipv4';
  const written = bits === undefined ? (mapped ? 128 : maxPrefix(addr)) : /^\d{1,3}$/.test(bits.trim()) ? Number(bits) : NaN;
  const prefix = mapped ? written - 96 : written;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix(addr)) return null;
  return { ip: textOf(networkAddress(addr, prefix)), prefix, v4 };
}

/**
 * A bulk-invalidation range as something the stored hashes can match: one signer (an IPv4 /32; an
 * IPv6 /64 or anything inside one, since the /64 is what is stored) or one network (/24, /48).
 * Other prefix lengths cannot be matched without storing addresses.
 */
export function hashableRange(cidr: string, secret: string): { column: 'ip' | 'network'; hash: Buffer } | null {
  const range = parseCidr(cidr);
  if (!range) return null;
  const hashes = ipHashes(range.ip, secret);
  if (range.v4 ? range.prefix === 32 : range.prefix >= 64) return { column: 'ip', hash: hashes.ipHash };
  if (range.prefix === (range.v4 ? 24 : 48)) return { column: 'network', hash: hashes.networkHash };
  return null;
}

/**
 * A set of CIDR ranges that answers "is this address in one of them" with one lookup per distinct
 * prefix length (block and allow lists hold thousands of ranges, checked on every signature).
 * Entries that are not ranges are ignored.
 */
export function ipRangeSet(cidrs: readonly string[]): (ip: string | null) => boolean {
  const byPrefix = new Map<string, Set<string>>();
  for (const cidr of cidrs) {
    const r = parseCidr(cidr);
    if (!r) continue;
    const key = `${r.v4 ? 4 : 6}/${r.prefix}`;
    if (!byPrefix.has(key)) byPrefix.set(key, new Set());
    byPrefix.get(key)!.add(maskedBytes(parseAddress(r.ip)!, r.prefix).join('.'));
  }
  const groups = [...byPrefix].map(([key, networks]) => ({ v4: key.startsWith('4/'), prefix: Number(key.slice(2)), networks }));
  return (ip) => {
    const addr = ip ? parseAddress(ip) : null;
    if (!addr) return false;
    const v4 = addr.kind() === 'ipv4';
    return groups.some((g) => g.v4 === v4 && g.networks.has(maskedBytes(addr, g.prefix).join('.')));
  };
}

/**
 * The client's address as the HTTP server saw it: the socket's peer, or, behind `hops` trusted
 * proxies, the entry they appended to X-Forwarded-For (never one the client could write itself).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, hops: number): string | null {
  if (hops > 0 && forwardedFor) {
    const chain = forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = chain[chain.length - hops];
    if (candidate) return normalizeIp(withoutPort(candidate));
  }
  return normalizeIp(socketAddress);
}

// Some proxies write the client's port too: `192.0.2.1:4711`, `[2001:db8::1]:4711`.
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^([\d.]+):\d+$/.exec(entry);
  return v4WithPort ? v4WithPort[1]! : entry;
}
