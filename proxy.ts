import createMiddleware from 'next-intl/middleware';
import { routing } from './lib/i18n/routing';

// Picks the language from the URL, then the NEXT_LOCALE cookie, then Accept-Language.
export default createMiddleware(routing);

export const config = {
  // Pages only: not the API, the dev mailbox, Next's assets or files with an extension.
  matcher: ['/((?!api|dev|_next|_vercel|.*\\..*).*)'],
};
