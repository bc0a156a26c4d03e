import os from 'node:os';

/**
 * The hosts, besides localhost, that Next's development server serves its scripts and hot-reload
 * socket to (`allowedDevOrigins`: host names, as Next compares them; IPv6 in brackets, as browsers
 * send them): 127.0.0.1 and ::1, the host of `appUrl`, and this machine's network addresses, so
 * a phone on the same network can open it. For development only.
 */
export function allowedDevOrigins(appUrl: string | undefined): string[] {
  const hosts = new Set(['127.0.0.1', '[::1]']);
  if (appUrl && URL.canParse(appUrl)) hosts.add(new URL(appUrl).hostname);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) hosts.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return [...hosts];
}
