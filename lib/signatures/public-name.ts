/** How a consenting signer is shown publicly: first name and the initial of the last ("Amira H."). */
export function publicName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  const last = parts[parts.length - 1]!;
  return `${parts[0]} ${[...last][0]}.`;
}
