// Work to finish before the process exits (the in-process worker's jobs). Kept on globalThis
// because the server entry and Next's bundled instrumentation load separate copies of this module.
const KEY = Symbol.for('undersign.shutdownHooks');
type Hook = () => Promise<void>;
const hooks = ((globalThis as Record<symbol, Hook[]>)[KEY] ??= []);

/** Registers work to finish on SIGTERM, after the HTTP server stopped taking requests. */
export function onShutdown(hook: Hook): void {
  hooks.push(hook);
}

/** Runs every registered hook, each to completion or failure; never throws. */
export async function runShutdownHooks(): Promise<void> {
  await Promise.allSettled(hooks.splice(0).map((h) => h()));
}
