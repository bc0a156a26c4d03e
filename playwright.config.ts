import { defineConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

// Run through `npm test`, which builds the app, prepares a database and an SMTP sink, and sets E2E_*.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium where it exists (no browser downloads here); Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }
  : {};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  forbidOnly: true,
  retries: 0,
  outputDir: '.data/test-results',
  use: { baseURL, browserName: 'chromium', launchOptions, trace: 'retain-on-failure' },
  webServer: {
    // The production entry (server.ts compiled by `npm run build`: brotli, graceful shutdown), as `npm start` runs it
    // (its command and Node flags have their one home in package.json).
    command: (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start,
    url: `${baseURL}/api/petitions`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      SMTP_URL: process.env.E2E_SMTP_URL ?? '',
      APP_URL: baseURL,
      SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      DATA_ENCRYPTION_KEY: `e2e:${Buffer.alloc(32, 9).toString('base64')}`,
      MAIL_FROM: 'Undersign <no-reply@undersign.test>',
      ADMIN_EMAILS: 'admin@undersign.test',
    },
  },
});
