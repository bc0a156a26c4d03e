import type { Browser } from 'playwright-core';

/** The petition page's budget for a first visit: every byte on the wire, compressed, scripts and fonts included. */
export const PAGE_WEIGHT_BUDGET = 150 * 1024;

/** Arabic and Persian pages also fetch the one Arabic-script font file (Vazirmatn, regular, Arabic subset). */
export const FONT_BUDGET = 24 * 1024;

/**
 * Loads a page in a fresh context (empty cache) and sums the bytes actually transferred
 * (headers and compressed bodies, as Chromium's network layer counts them) until the network is idle.
 */
export async function measurePageWeight(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  const byType: Record<string, number> = {};
  let total = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    urls.set(e.requestId, e.response.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId) ?? 'Other';
    byType[type] = (byType[type] ?? 0) + e.encodedDataLength;
    total += e.encodedDataLength;
    requests++;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const origins = [...new Set([...urls.values()].filter((u) => u.startsWith('http')).map((u) => new URL(u).origin))];
  await context.close();
  return { total, requests, byType, origins };
}
