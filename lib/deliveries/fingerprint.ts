import { createHash } from 'node:crypto';

/**
 * One signature's line in the canonical serialisation (docs/delivery-fingerprint.md): its id in
 * decimal, its confirmation time in UTC with microseconds (`2026-12-03T09:15:02.123456Z`), its
 * ISO 3166 country code, separated by commas, ended by a line feed.
 */
export function fingerprintLine(s: { signatureId: number | string; confirmedAt: string; country: string }): string {
  return `${s.signatureId},${s.confirmedAt},${s.country}\n`;
}

/** SHA-256 (hex) over the lines, in ascending signature id order: what a target can recompute from the open list. */
export function fingerprintOf(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line, 'utf8');
  return hash.digest('hex');
}
