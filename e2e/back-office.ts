// The back office in a real browser: its built app on its own origin (ADMIN_PORT) beside the
// storefront, against the real API, at its designed width. Shared by the admin browser tests.
import { afterEach, beforeEach, expect } from 'vitest';
import { STAFF_PASSWORD } from '../server/test/fixtures.js';
import { useStorefront, type Storefront } from './browser.js';

/** The back office's designed width. */
export const WIDE = { viewport: { width: 1440, height: 900 } };

export interface BackOffice extends Storefront {
  /** An address of the admin app, e.g. `admin('/skus')`. */
  admin(path: string): string;
  /** Fills and sends the login form. */
  logIn(username: string, password?: string): Promise<void>;
  /** No loading mask left on the page (before a screenshot or a count). */
  settled(): Promise<void>;
  /** The message Element Plus shows beside the form field holding `testId`. */
  formError(testId: string): ReturnType<Storefront['byTestId']>;
  /**
   * Opens the list at `path` while the API answers `api` (a URL glob) with a 500: the alert
   * `errorTestId` says `text`; once the API is back, its 重试 clears it and `rows` come.
   */
  failsThenRetries(path: string, api: string, errorTestId: string, text: string, rows: ReturnType<Storefront['byTestId']>): Promise<void>;
}

/**
 * A whole mall with its back office for one test file. Every test fails if the page broke its
 * Content-Security-Policy or threw.
 */
export function useBackOffice(): BackOffice {
  const shop = useStorefront(WIDE, () => ({ admin: true }));
  let problems: string[] = [];
  let listening = false;
  beforeEach(async () => {
    problems = [];
    if (listening) return;
    listening = true;
    const { page } = shop;
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI}`)),
    );
    page.on('console', (message) => {
      if (/securitypolicyviolation|Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  afterEach(() => {
    expect(problems).toEqual([]);
  });
  return {
    get mall() {
      return shop.mall;
    },
    get page() {
      return shop.page;
    },
    byTestId: shop.byTestId,
    admin: (path) => `${shop.mall.adminUrl}${path}`,
    async logIn(username, password = STAFF_PASSWORD) {
      await shop.byTestId('login-username').fill(username);
      await shop.byTestId('login-password').fill(password);
      await shop.byTestId('login-submit').click();
    },
    settled: () => expect.poll(() => shop.page.locator('.el-loading-mask:visible').count()).toBe(0),
    formError: (testId) => shop.page.locator('.el-form-item', { has: shop.byTestId(testId) }).locator('.el-form-item__error'),
    async failsThenRetries(path, api, errorTestId, text, rows) {
      const { page, byTestId } = shop;
      await page.route(api, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"detail":"boom"}' }));
      await page.goto(`${shop.mall.adminUrl}${path}`);
      await expect.poll(() => byTestId(errorTestId).textContent()).toContain(text);
      await page.unroute(api);
      await byTestId(errorTestId).getByRole('button', { name: '重试' }).click();
      await expect.poll(() => byTestId(errorTestId).count()).toBe(0);
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
    },
  };
}
