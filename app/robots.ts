import type { MetadataRoute } from 'next';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** Crawlers may read petitions, never dashboards, sign-in, token links or the API. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: [
        '/api/',
        '/dev/',
        '/dashboard',
        '/*/dashboard',
        '/login',
        '/*/login',
        '/admin',
        '/*/admin',
        '/invites/',
        '/*/invites/',
        '/unsubscribe/',
        '/*/unsubscribe/',
        '/respond/',
        '/*/respond/',
        '/*/confirm/',
        '/*/report',
      ],
    },
    sitemap: `${getEnv().appUrl}/sitemap.xml`,
  };
}
