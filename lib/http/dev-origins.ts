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

/**
 * A link from a development email, moved to the host the development mailbox was opened at when
 * that host is one the server is served at (`allowed`, or localhost): the links are written with
 * `appUrl` (localhost by default), so someone working at 127.0.0.1 or from a phone would otherwise
 * sign in on another origin (the session cookie stays there) or on the phone itself. Other links
 * are returned unchanged.
 */
export function devMailboxLink(link: string, appUrl: string, host: string | null, allowed: string[]): string {
  if (!host || !URL.canParse(link) || !URL.canParse(appUrl) || !URL.canParse(`http://${host}`)) return link;
  const url = new URL(link);
  const app = new URL(appUrl);
  const wanted = new URL(`${app.protocol}//${host}`);
  if (url.origin !== app.origin || (wanted.hostname !== 'localhost' && !allowed.includes(wanted.hostname))) return link;
  url.host = wanted.host;
  return url.toString();
}
