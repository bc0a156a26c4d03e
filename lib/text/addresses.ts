import { LinkifyIt } from 'linkify-it';
import tlds from 'tlds';

// Whether a text carries a web or email address, judged the way mail clients and chat apps turn text
// into links: linkify-it (the autolinker behind markdown-it) with every top-level domain IANA lists
// (the `tlds` package), so `example.com`, `bit.ly/x`, `مثال.مصر` and `t.co` count while "J. R. R.
// Tolkien", "St. John" and "Mr.Smith" (no such top-level domain) do not. Also counted: any scheme
// with `//`, a `www.` prefix, IDNA labels (`xn--`), the schemes that open an app, and any `@`.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true }).tlds(tlds);

const ALSO_LINKS = /[a-z][a-z0-9+.-]*:\/\/|\bwww\d{0,3}\.|\bxn--|\b(?:mailto|tel|sms|javascript|data|file):|@/i;

// Look-alikes are folded first, so `ｅｘａｍｐｌｅ．ｃｏｍ` or `example。com` are read as the address the
// platform's IDNA processing would make of them (NFKC, and the ideographic full stops UTS #46 maps).
const fold = (text: string) => text.normalize('NFKC').replace(/[\u3002\uFF61]/g, '.');

/** True when the text contains something a mail client or browser would take for a web or email address. */
export function containsAddress(text: string): boolean {
  const folded = /[^\x00-\x7F]/.test(text) ? fold(text) : text;
  if (ALSO_LINKS.test(folded)) return true;
  // Every link linkify-it finds has a dot or a colon in it: most names have neither, and skip its regexes.
  return /[.:]/.test(folded) && linkify.test(folded);
}
