import emailMisspelled, { all } from 'email-misspelled';

// Runs in the browser too (loaded when the person first focuses the sign form, not with the page)
// and on the server for the form without JavaScript: one answer on both sides.

// Real providers one or two letters away from a bigger one, which the package's list lacks:
// recognised as they are, never "corrected".
const ALSO_KNOWN = ['email.com', 'gmx.com', 'outlook.sa', 'yandex.com', 'proton.me', 'protonmail.com', 'chmail.ir'];

const known = new Set([...all, ...ALSO_KNOWN]);
// The package's list of common providers (top 100 and their regional domains), compared letter by
// letter: two changes at most, so `gmial.com` (a swap) and `yaho.com` (a missing letter) are found.
const closest = emailMisspelled({ domains: [...known], maxMisspelled: 2 });

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
  const best = closest(`x@${domain}`)[0];
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
