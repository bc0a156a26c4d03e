// Internationalised domain names (مثال.مصر, bücher.de) in the ASCII form DNS and SMTP use
// (xn--mgbh0fb.xn--wgbh1c, xn--bcher-kva.de). The conversion is the platform's own IDNA processing
// (UTS #46, as the WHATWG URL parser applies it to a host): the same in the browser and in Node, so
// the shared schemas give the same answer on both sides, and no library has to ship to the browser.

// What may reach the URL parser: ASCII letters, digits, dots and hyphens, and any non-ASCII character
// (IDNA maps or refuses those). Anything else would be read as part of a URL (`/`, `?`, `#`, `@`,
// `:`, `%`, `\`) or is not a domain at all.
const CANDIDATE = /^(?:[A-Za-z0-9.-]|[^\x00-\x7F])+$/;

// A hostname in ASCII form: labels of letters, digits and inner hyphens (at most 63 characters), a
// top-level label of letters or an IDNA one (xn--…). Numeric hosts (IP addresses) are not domains.
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The lowercase ASCII (punycode) form of a domain typed in Unicode or ASCII, or null when it is not a
 * valid domain name (bad punycode, forbidden characters, an IP address, over 253 characters).
 */
export function asciiDomain(domain: string): string | null {
  // Lowercase ASCII labels, none of them IDNA: the URL parser would return them unchanged.
  if (domain.length <= 253 && ASCII_DOMAIN.test(domain) && !domain.includes('xn--')) return domain;
  if (domain.length === 0 || domain.length > 253 * 4 || !CANDIDATE.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  return host.length <= 253 && ASCII_DOMAIN.test(host) ? host : null;
}

/**
 * A domain rule as organisers and admins type it (`spam.example`, `*.spam.example`, or the same in
 * Unicode) in ASCII form, the form signatures' email domains are stored in; null when not a domain.
 */
export function asciiDomainRule(rule: string): string | null {
  const wildcard = rule.startsWith('*.');
  const domain = asciiDomain(wildcard ? rule.slice(2) : rule);
  return domain && (wildcard ? `*.${domain}` : domain);
}
