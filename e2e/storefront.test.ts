// A shopper in a real browser: registers through the real pages (code read from the SMS
// outbox), sees the logged-in header, logs out, logs in with the mobile, opens the user centre.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueMobile, type TestMall } from '../server/test/harness.js';
import { openStorefront, type Storefront } from './browser.js';

let storefront: Storefront;
let mall: TestMall;
let page: Page;

beforeAll(async () => {
  storefront = await openStorefront();
  ({ mall, page } = storefront);
});
afterAll(() => storefront?.close());

const byTestId = (id: string) => page.getByTestId(id);
/** Matches a page by its path alone (a `?next=/x.html` query must not count as being on x.html). */
const at = (pathname: string) => (url: URL) => url.pathname === pathname;

describe('storefront: sign-up and login', () => {
  const username = `web_${randomBytes(3).toString('hex')}`;
  const password = 'browser-pass-1';
  const mobile = uniqueMobile();

  it('tells the shopper about bad input before submitting', async () => {
    await page.goto(`${mall.webUrl}/register.html`);
    await byTestId('reg-username').fill('abc');
    await byTestId('reg-password').click();
    await expect.poll(() => byTestId('reg-error-username').textContent()).not.toBe('');
    await byTestId('reg-mobile').fill('12345');
    await byTestId('reg-password').click();
    await expect.poll(() => byTestId('reg-error-mobile').textContent()).toContain('手机号');
  });

  it('registers a new account through the register page', async () => {
    await page.goto(`${mall.webUrl}/register.html`);
    await byTestId('reg-username').fill(username);
    await byTestId('reg-password').fill(password);
    await byTestId('reg-password2').fill(password);
    await byTestId('reg-mobile').fill(mobile);
    await byTestId('reg-sms-send').click();
    // The button counts down once the API accepted the request.
    await expect.poll(() => byTestId('reg-sms-send').textContent()).toMatch(/秒/);
    await byTestId('reg-sms-code').fill(await mall.smsCode(mobile));
    await byTestId('reg-allow').check();
    await byTestId('reg-submit').click();
    await page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(username);
    expect(await page.evaluate(() => localStorage.getItem('username'))).toBe(username);
  });

  it('logs out, then logs in with the mobile number', async () => {
    await byTestId('header-logout').click();
    await page.waitForURL(/\/login\.html/);
    expect(await page.evaluate(() => localStorage.getItem('token') ?? sessionStorage.getItem('token'))).toBeNull();
    await byTestId('login-username').fill(mobile);
    await byTestId('login-password').fill('not-the-password');
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toContain('用户名或密码错误');
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(username);
    // Not "remembered": the session lives in sessionStorage only.
    expect(await page.evaluate(() => [sessionStorage.getItem('username'), localStorage.getItem('username')])).toEqual([username, null]);
  });

  it('shows the user centre with the profile from the API', async () => {
    await byTestId('header-user-center').click();
    await page.waitForURL(at('/user_center_info.html'));
    await expect.poll(() => byTestId('uc-username').textContent()).toBe(username);
    expect(await byTestId('uc-mobile').textContent()).toBe(mobile);
    expect(await byTestId('uc-email-active').textContent()).toContain('未验证');
  });

  it('sends a logged-out visitor from the user centre to the login page and back', async () => {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.goto(`${mall.webUrl}/user_center_info.html`);
    await page.waitForURL(/\/login\.html\?next=/);
    await byTestId('login-username').fill(username);
    await byTestId('login-password').fill(password);
    await byTestId('login-remember').check();
    await byTestId('login-submit').click();
    await page.waitForURL(at('/user_center_info.html'));
    expect(await page.evaluate(() => localStorage.getItem('username'))).toBe(username);
  });
});
