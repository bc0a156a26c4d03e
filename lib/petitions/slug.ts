import transliterate from '@sindresorhus/transliterate';

/** Slugs are lowercase words joined by hyphens; anything else cannot name a petition. */
export function isSlug(value: string): boolean {
  return value.length <= 120 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

/**
 * A slug proposed from a title: transliterated to Latin letters (Arabic and Persian included, so
 * `آزادی فعالان کارگری` becomes `azady-fealan-kargry`), lowercase words and digits joined by hyphens,
 * at most 60 characters; empty for a title with nothing to transliterate (e.g. Chinese).
 */
export function slugify(title: string): string {
  return transliterate(title)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
