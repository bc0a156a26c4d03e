import ar from './messages/ar.json';
import en from './messages/en.json';
import fa from './messages/fa.json';
import type { Locale } from './locales';

export type Messages = typeof en;

// One line per language; the locales unit test fails if a catalogue file is not listed here.
export const catalogues: Record<Locale, Messages> = { en, ar, fa };
