import { getDomain } from 'tldts';

/**
 * The domain of an address as the per-domain limit counts it: the registrable domain from the Public
 * Suffix List (`a1.example.net` and `a2.example.net` are both `example.net`; `x.example.co.uk` is
 * `example.co.uk`), or the whole domain when it has none (an address literal, a bare suffix). Only
 * the list's ICANN section: subdomains handed out under private suffixes count as one domain, which
 * is the safe side for a limit.
 */
export function registrableDomain(domain: string): string {
  return getDomain(domain) ?? domain;
}

/** The domain part of a (canonical) email address. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
