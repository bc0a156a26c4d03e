import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';

/** The address as one canonical string (IPv4-mapped IPv6 becomes IPv4), or null when it is not an IP. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let ip = raw.trim().toLowerCase();
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip : null;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0'));
}

/** The network an address belongs to for abuse rules: its /24 (IPv4) or /48 (IPv6). */
export function networkOf(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  return `${expandIpv6(ip).slice(0, 3).join(':')}::/48`;
}

/**
 * Keyed hashes of an address and of its network: what is stored instead of the IP, so abuse can be
 * matched (same address, same /24) while a copy of the database reveals no address.
 */
export function ipHashes(ip: string, secret: string): { ipHash: Buffer; networkHash: Buffer } {
  const h = (v: string) => createHmac('sha256', secret).update(v).digest();
  return { ipHash: h(`ip:${ip}`), networkHash: h(`net:${networkOf(ip)}`) };
}

/** A CIDR range read from people: its address, prefix and family; a bare address is its own /32 or /128. */
export function parseCidr(value: string): { ip: string; prefix: number; v4: boolean } | null {
  const [addr, bits] = value.trim().split('/') as [string, string | undefined];
  const ip = normalizeIp(addr);
  if (!ip) return null;
  const v4 = isIP(ip) === 4;
  const max = v4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= max ? { ip, prefix, v4 } : null;
}

/**
 * A bulk-invalidation range as something the stored hashes can match: one address (/32, /128)
 * or one network (/24, /48). Other prefix lengths cannot be matched without storing addresses.
 */
export function hashableRange(cidr: string, secret: string): { column: 'ip' | 'network'; hash: Buffer } | null {
  const range = parseCidr(cidr);
  if (!range) return null;
  if (range.prefix === (range.v4 ? 32 : 128)) return { column: 'ip', hash: ipHashes(range.ip, secret).ipHash };
  if (range.prefix === (range.v4 ? 24 : 48)) return { column: 'network', hash: ipHashes(range.ip, secret).networkHash };
  return null;
}

/**
 * The client's address as the HTTP server saw it: the socket's peer, or, behind `hops` trusted
 * proxies, the entry they appended to X-Forwarded-For (never one the client could write itself).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, hops: number): string | null {
  if (hops > 0 && forwardedFor) {
    const chain = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
    const candidate = chain[chain.length - hops];
    if (candidate) return normalizeIp(candidate);
  }
  return normalizeIp(socketAddress);
}
