/** Slugs are lowercase words joined by hyphens; anything else cannot name a petition. */
export function isSlug(value: string): boolean {
  return value.length <= 120 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}
