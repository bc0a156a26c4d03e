import emailMisspelled, { all } from 'email-misspelled';

// Runs in the browser too (loaded when the person first focuses the sign form, not with the page)
// and on the server for the form without JavaScript: one answer on both sides.

// Real providers one or two letters away from a bigger one, which the package's list lacks:
// recognised as they are, never "corrected".
const ALSO_KNOWN = ['email.com', 'gmx.com', 'outlook.sa', 'yandex.com', 'proton.me', 'protonmail.com', 'chmail.ir'];

const known = new Set([...all, ...ALSO_KNOWN]);
const MAX_CHANGES = 2;

// The package compares a domain with every provider letter by letter: ~0.5 ms for an unknown
// domain, on the form's hot path. Each change of a letter alters the length by at most one and the
// count of at most two characters, so providers too far off in length or in character counts are
// skipped first: for almost every domain that leaves none, or one or two, to compare.
const SLOTS = 39;
const slotOf = (code: number) => (code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : code === 46 ? 36 : code === 45 ? 37 : 38);
function charCounts(domain: string): Int16Array {
  const counts = new Int16Array(SLOTS);
  for (let i = 0; i < domain.length; i++) counts[slotOf(domain.charCodeAt(i))]! += 1;
  return counts;
}
const providers = [...known].map((domain) => ({ domain, counts: charCounts(domain) }));

function nearbyProviders(domain: string): string[] {
  const counts = charCounts(domain);
  const near: string[] = [];
  for (const p of providers) {
    if (Math.abs(p.domain.length - domain.length) > MAX_CHANGES) continue;
    let differing = 0;
    for (let i = 0; i < SLOTS && differing <= 2 * MAX_CHANGES; i++) differing += Math.abs(counts[i]! - p.counts[i]!);
    if (differing <= 2 * MAX_CHANGES) near.push(p.domain);
  }
  return near;
}

const COUNTRY_CODE = /^[a-z]{2}$/;

/** `gmx.at` is not a typo of `gmx.de`: another country's domain of a provider is a real address. */
function differsOnlyByCountry(domain: string, suggested: string): boolean {
  const a = domain.split('.');
  const b = suggested.split('.');
  if (a.length !== b.length || a.slice(0, -1).join('.') !== b.slice(0, -1).join('.')) return false;
  return COUNTRY_CODE.test(a.at(-1)!) && COUNTRY_CODE.test(b.at(-1)!);
}

/**
 * The address with its domain corrected when the domain looks like a typo of a common email
 * provider (`amira@gmial.com` → `amira@gmail.com`), or null: for a known provider, for any domain
 * not within two letters of one (universities, companies, internationalised domains), and when only
 * the country code differs. The part before the @ is kept exactly as typed. Only ever a suggestion.
 */
export function suggestEmail(email: string): string | null {
  const typed = email.trim();
  const at = typed.lastIndexOf('@');
  if (at < 1 || at === typed.length - 1 || typed.length > 254) return null;
  const domain = typed.slice(at + 1).toLowerCase();
  if (known.has(domain)) return null;
  const near = nearbyProviders(domain);
  if (near.length === 0) return null;
  // The package's list of common providers (top 100 and their regional domains), compared letter by
  // letter: two changes at most, so `gmial.com` (a swap) and `yaho.com` (a missing letter) are found.
  const best = emailMisspelled({ domains: near, maxMisspelled: MAX_CHANGES })(`x@${domain}`)[0];
  if (!best || differsOnlyByCountry(domain, best.suggest)) return null;
  return `${typed.slice(0, at)}@${best.suggest}`;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What a sign form submission does about its email, the same in the browser and on the server:
 * `ask` with the suggestion when the domain looks mistyped and the suggestion has not been shown for
 * this address (`checked` is the address it was last shown for); otherwise `email`, the address to
 * sign with: the suggestion when its "Use …" button sent it back (`use`), else the address as typed.
 * The person is asked at most once per address, never held.
 */
export function resolveEmailSuggestion(email: string, checked?: string, use?: string): { ask: string } | { email: string } {
  const suggestion = suggestEmail(email);
  if (!suggestion) return { email };
  if (use !== undefined && use === suggestion) return { email: suggestion };
  return same(checked, email) ? { email } : { ask: suggestion };
}
