import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import createNextIntlPlugin from 'next-intl/plugin';
import { allowedDevOrigins } from './lib/http/dev-origins';
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from './lib/security/headers';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  // Catalogues are compiled at build time, so browsers get no ICU parser (~11 KB less per page).
  experimental: { messages: { path: './lib/i18n/messages', format: 'json', locales: 'infer', sourceLocale: 'en', precompile: true } },
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The benchmark's baseline routes (app/api/bench/*/route.bench.ts) are part of a build only when it
  // is made for `npm run bench` (BENCH_BASELINES=1, which bench/load.ts sets): a production build
  // does not contain them.
  pageExtensions: process.env.BENCH_BASELINES === '1' ? ['bench.ts', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  // The build type-checks the application only (not tests, benchmarks or scripts), so a production
  // install without development dependencies can build; `npm run typecheck` checks everything.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // server.ts compresses (brotli, then gzip); `next dev` does not need it.
  compress: false,
  async headers() {
    return [
      // Hashed build assets (a dozen per page) carry only nosniff; documents and data get the full set.
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
      { source: '/((?!_next/static).*)', headers: staticSecurityHeaders() },
      // Pages get a per-request policy with a nonce from proxy.ts; everything else is data, never a document to run.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
  // Node-only packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ['graphile-worker', 'pg', 'postgres', '@react-email/render'],
  // Cover images are uploaded through a server action; they are re-encoded and capped at 5 MB.
  experimental: { globalNotFound: true, serverActions: { bodySizeLimit: '6mb' } },
};

export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return withNextIntl(nextConfig);
  // The development server refuses its scripts to origins other than localhost unless listed: opened at
  // 127.0.0.1, at APP_URL's host or from a phone at this machine's address, pages would never start.
  return withNextIntl({ ...nextConfig, allowedDevOrigins: allowedDevOrigins(process.env.APP_URL) });
}
