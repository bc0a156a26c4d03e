import { containsAddress } from '@/lib/text/addresses';

// A signer's name goes into the greeting of an email sent to an address nobody has verified yet, so
// a "name" must not be able to carry a message: no web or email address (lib/text/addresses.ts says
// what counts: what mail clients would turn into a link), no angle brackets. And it must show: at
// least one letter of any script (\p{L}, not counting invisible ones like the Hangul filler, nor the
// Arabic tatweel, which only stretches the letters beside it: a name of tatweels alone folds to nothing,
// lib/text/fold-name.ts). Digits, punctuation, symbols or emoji alone are not a name.

const LETTER = /(?!\p{Default_Ignorable_Code_Point}|\u0640)\p{L}/u;
const ANGLE_BRACKETS = /[<>\uFF1C\uFF1E\u2039\u203A\u2329\u232A\u3008\u3009\uFE64\uFE65]/;

/** Why a (normalised) name cannot be used, as a catalogue key under `validation`, or null when it can. */
export function nameProblem(name: string): 'nameNoLetters' | 'nameHasAddress' | null {
  if (!LETTER.test(name)) return 'nameNoLetters';
  if (ANGLE_BRACKETS.test(name) || containsAddress(name)) return 'nameHasAddress';
  return null;
}
