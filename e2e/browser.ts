// Headless Debian Chromium through playwright-core (nothing is downloaded), opened on a whole
// mall (API + storefront) started for the test file.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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
  readonly mall: TestMall;
  readonly page: Page;
  byTestId(id: string): Locator;
}

/**
 * A whole mall (API + storefront) and a browser page for one test file: started before its
 * tests, closed after them. The fields are read once the tests run.
 */
export function useStorefront(): Storefront {
  let mall: TestMall | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    mall = await startTestMall({ web: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Fail a step in seconds, well inside the test's own timeout, with Playwright's own message.
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await mall?.close();
  });
  return {
    get mall() {
      return mall!;
    },
    get page() {
      return page!;
    },
    byTestId: (id) => page!.getByTestId(id),
  };
}
