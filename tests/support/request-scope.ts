// Next's environment set-up (AsyncLocalStorage on globalThis), before any Next module creates its
// request stores: a test file must import this helper before the route handlers it calls.
import 'next/dist/server/node-environment-baseline';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { RequestCookiesAdapter } from 'next/dist/server/web/spec-extension/adapters/request-cookies';
import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies';

/**
 * Runs a route handler the way Next runs it for one request carrying these headers, as far as
 * `cookies()` and `headers()` are concerned, so integration tests can call handlers that read the
 * session (outside Next, `cookies()` throws). Next's own request stores, minimally filled.
 */
export function inRequestScope<T>(headers: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const h = new Headers(headers);
  const workStore = { route: '/test', forceStatic: false, dynamicShouldError: false, isStaticGeneration: false };
  const requestStore = { type: 'request', phase: 'render', headers: h, cookies: RequestCookiesAdapter.seal(new RequestCookies(h)) };
  return workAsyncStorage.run(workStore as never, () => workUnitAsyncStorage.run(requestStore as never, fn));
}
