// Headless Debian Chromium through playwright-core (nothing is downloaded), opened on a whole
// mall (API + storefront) started for the test file.
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestMall, type TestMall } from '../server/test/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from trying to phone home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Storefront {
  mall: TestMall;
  page: Page;
  close(): Promise<void>;
}

export async function openStorefront(): Promise<Storefront> {
  const mall = await startTestMall({ web: true });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Fail a step in seconds, well inside the test's own timeout, with Playwright's own message.
  page.setDefaultTimeout(10_000);
  return {
    mall,
    page,
    async close() {
      await browser.close();
      await mall.close();
    },
  };
}
