import ar from './messages/ar.json';
import en from './messages/en.json';
import type { Locale } from './locales';

export type Messages = typeof en;

export const catalogues: Record<Locale, Messages> = { en, ar };
