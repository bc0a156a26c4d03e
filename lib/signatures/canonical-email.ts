import { asciiEmail } from '@/lib/text/schema';

// Providers known to deliver a.b+tag@ to ab@: treat those spellings as one person.
const DOTS_IGNORED = new Set(['gmail.com']);
const PLUS_TAGS_IGNORED = new Set(['gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'mac.com', 'fastmail.com', 'proton.me']);
// Domains that deliver to the same mailbox as another for every user name: Google's older domain, and
// Proton's (every Proton account receives at name@proton.me, @protonmail.com and @protonmail.ch, and
// at @pm.me where the plan includes it).
const DOMAIN_ALIASES: Record<string, string> = {
  'googlemail.com': 'gmail.com',
  'protonmail.com': 'proton.me',
  'protonmail.ch': 'proton.me',
  'pm.me': 'proton.me',
};

/**
 * The form of an address used to detect a second signature by the same person: its domain in ASCII
 * (an internationalised domain typed in Unicode or punycode is one domain), lowercased, provider
 * aliases folded, and dots or +tags dropped only where the provider ignores them.
 */
export function canonicalizeEmail(email: string): string {
  const trimmed = asciiEmail(email.trim()).toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, '');
  domain = DOMAIN_ALIASES[domain] ?? domain;
  if (PLUS_TAGS_IGNORED.has(domain)) local = local.split('+')[0] || local;
  if (DOTS_IGNORED.has(domain)) local = local.replaceAll('.', '') || local;
  return `${local}@${domain}`;
}
