/**
 * Security headers. Pure functions: the proxy applies the per-request policy to pages,
 * next.config applies the static ones to every response (API, assets, files).
 */

const EMBED_PATH = /^\/(?:[a-z]{2}\/)?p\/[a-z0-9-]+\/embed\/?$/;

/** True for the one route other sites may frame: the petition widget. */
export function isEmbedPath(pathname: string): boolean {
  return EMBED_PATH.test(pathname);
}

/**
 * The page policy: scripts only from this origin and, inline, only with this response's nonce or
 * (public petition pages, which a CDN may share, lib/http/page-csp.ts) only those whose SHA-256 hash
 * is listed: no other inline script can run. Nothing loaded from any other origin, framing only for
 * the widget.
 */
export function contentSecurityPolicy(opts: { nonce?: string; scriptHashes?: string[]; embed: boolean; dev: boolean; https: boolean }): string {
  const inline = [...(opts.nonce ? [`'nonce-${opts.nonce}'`] : []), ...(opts.scriptHashes ?? [])];
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self'${inline.map((s) => ` ${s}`).join('')}${opts.dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (progress bars, widths) are not script; styles still come only from here.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${opts.embed ? '*' : "'none'"}`,
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The policy of every API answer: data, never a document to run. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** HSTS, for pages of a site served over HTTPS (set at run time by the proxy, where APP_URL is known). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** Headers every response carries. */
export function staticSecurityHeaders(): { key: string; value: string }[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}
