// The read benchmark's baseline (`npm run bench`): a page prerendered at build time, served from
// the same server as the petition page. Harmless to anyone: a few bytes of HTML. Only in a build made
// with BENCH_BASELINES=1 (next.config.ts's pageExtensions).
export const dynamic = 'force-static';

export function GET(): Response {
  return new Response(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static</title></head><body><h1>Static page</h1><p>The benchmark baseline.</p></body></html>',
    {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
  );
}
