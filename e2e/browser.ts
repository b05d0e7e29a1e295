// Headless Debian Chromium through playwright-core (nothing is downloaded), opened on a whole
// mall (API + storefront) started for the test file.
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startTestMall, type TestMall, type TestMallOptions } from '../server/test/harness.js';

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

/** A desktop window, the pages' designed width. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** A phone held upright (an iPhone's 375 CSS pixels), with touch and the mobile viewport rules. */
export const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * A whole mall (API + storefront) and a browser page for one test file: started before its
 * tests, closed after them. The fields are read once the tests run. `options` is asked for when
 * the mall starts, so it may use what an earlier beforeAll of the file set up (e.g. a fake QQ).
 */
export function useStorefront(device: BrowserContextOptions = DESKTOP, options: () => Omit<TestMallOptions, 'web'> = () => ({})): Storefront {
  let mall: TestMall | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    mall = await startTestMall({ ...options(), web: true });
    browser = await launchBrowser();
    page = await browser.newPage(device);
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

/** Matches a page by its path alone (a `?next=/x.html` query must not count as being on x.html). */
export const at = (pathname: string) => (url: URL) => url.pathname === pathname;

/** What the login answer leaves the page to keep (registerUser's body has it). */
export interface Session {
  token: string;
  id: number;
  username: string;
}

/**
 * A logged-in session in the browser, as the login page leaves it ("remembered": localStorage),
 * on the shop's origin, whose storage it is. `page` defaults to the file's page.
 */
export async function loginAs(shop: Storefront, user: Session, page: Page = shop.page): Promise<void> {
  await page.goto(`${shop.mall.webUrl}/`);
  await page.evaluate(({ token, id, username }) => {
    sessionStorage.clear();
    localStorage.clear();
    localStorage.setItem('token', token);
    localStorage.setItem('user_id', String(id));
    localStorage.setItem('username', username);
  }, { token: user.token, id: user.id, username: user.username });
}

/** No one logged in (on the shop's origin, whose storage it is). */
export async function loggedOut(shop: Storefront, page: Page = shop.page): Promise<void> {
  await page.goto(`${shop.mall.webUrl}/`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
}

/** The answer of the captcha whose picture has this test id, as the API stored it for the id in the picture's URL. */
export async function captchaAnswer(shop: Storefront, pictureTestId: string): Promise<string> {
  const uuid = /image_codes\/([^/]+)\//.exec((await shop.byTestId(pictureTestId).getAttribute('src'))!)![1]!;
  return vi.waitFor(async () => {
    const text = await shop.mall.context.cache.get(`img_${uuid}`);
    if (!text) throw new Error('captcha not drawn yet');
    return text;
  });
}

/** Saves a look at the page to SCREENSHOT_DIR/<name>, when that is set (for a human to review). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, name), fullPage });
}

/**
 * Opens `url` on a phone (375 px) as `user`, waits for `ready`, and checks the page is no wider
 * than the screen (no sideways scrolling); `shot` names its screenshot.
 */
export async function fitsPhone(shop: Storefront, user: Session, url: string, ready: string, shot: string, timezoneId = 'Asia/Shanghai'): Promise<void> {
  const phone = await shop.page.context().browser()!.newPage({ ...PHONE, timezoneId });
  try {
    await loginAs(shop, user, phone);
    await phone.goto(url);
    await expect.poll(() => phone.getByTestId(ready).first().isVisible()).toBe(true);
    const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await screenshot(phone, shot);
  } finally {
    await phone.close();
  }
}
