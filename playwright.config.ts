import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer in browser mode (`regulars serve`) in Debian's Chromium;
 * each test file starts its own server on a fresh demo database (see tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two workers on the 2-core CI machine: each spec starts its own server on its own shop copy, so
  // they never share state; the run takes about half the time of one worker.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // A fresh server checks its shop and takes its daily backup while the first screens load (and fits
  // the models again once a test changes the sales): on a busy 2-core machine that can take a while.
  // Speed is measured by `npm run bench`, not here.
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.REGULARS_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 860 },
    // The same browser time zone and locale on every machine (the servers run on NOW in this zone).
    timezoneId: 'Asia/Shanghai',
    locale: 'en-US',
    trace: 'off',
  },
});
