// A shopper in a real browser: registers through the real pages (code read from the SMS
// outbox), sees the logged-in header, logs out, logs in with the mobile, opens the user centre,
// and answers the login captcha an account strangers have been guessing at asks for.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webDist } from '../server/src/web-host.js';
import { registerUser, uniqueMobile } from '../server/test/fixtures.js';
import { at, captchaAnswer, DESKTOP, loggedOut, loginAs, screenshot, useStorefront } from './browser.js';

// Behind a trusted proxy, so the API's own tests can play strangers from other addresses.
const shop = useStorefront(DESKTOP, () => ({ env: { TRUST_PROXY: 'true' } }));
const { byTestId } = shop;

describe('storefront: sign-up and login', () => {
  // A Chinese name: the server's rule takes letters of any script, and so does the page.
  const username = `美多网友${randomBytes(3).toString('hex')}`;
  const password = 'browser-pass-1';
  const mobile = uniqueMobile();

  it('tells the shopper about bad input before submitting', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/register.html`);
    await byTestId('reg-username').fill('abc');
    await byTestId('reg-password').click();
    await expect.poll(() => byTestId('reg-error-username').textContent()).not.toBe('');
    await byTestId('reg-mobile').fill('12345');
    await byTestId('reg-password').click();
    await expect.poll(() => byTestId('reg-error-mobile').textContent()).toContain('手机号');
  });

  it('judges usernames by the server\'s rule, with its texts', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/register.html`);
    await byTestId('reg-username').fill('美多商城的顾客');
    // A Chinese name passes the page's rule and is asked about at the availability URL.
    const availability = shop.page.waitForResponse((response) => response.url().includes('/usernames/'));
    await byTestId('reg-password').click();
    expect((await availability).status()).toBe(200);
    expect(await byTestId('reg-error-username').textContent()).toBe('');
    await byTestId('reg-username').fill('1234567');
    await byTestId('reg-password').click();
    const refused = await shop.mall.post<{ username: string[] }>('/users/', {
      username: '1234567', password: 'browser-pass-1', password2: 'browser-pass-1', mobile: uniqueMobile(), sms_code: '000000', allow: 'true',
    });
    expect(refused.status).toBe(400);
    await expect.poll(() => byTestId('reg-error-username').textContent()).toBe(refused.body.username[0]);
  });

  it('registers a new account through the register page', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/register.html`);
    await byTestId('reg-username').fill(username);
    await byTestId('reg-password').fill(password);
    await byTestId('reg-password2').fill(password);
    await byTestId('reg-mobile').fill(mobile);
    await byTestId('reg-sms-send').click();
    // The button counts down once the API accepted the request.
    await expect.poll(() => byTestId('reg-sms-send').textContent()).toMatch(/秒/);
    await byTestId('reg-sms-code').fill(await shop.mall.smsCode(mobile));
    await byTestId('reg-allow').check();
    await byTestId('reg-submit').click();
    await shop.page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(username);
    expect(await shop.page.evaluate(() => localStorage.getItem('username'))).toBe(username);
  });

  it('logs out, then logs in with the mobile number', async () => {
    await byTestId('header-logout').click();
    await shop.page.waitForURL(/\/login\.html/);
    expect(await shop.page.evaluate(() => localStorage.getItem('token') ?? sessionStorage.getItem('token'))).toBeNull();
    await byTestId('login-username').fill(mobile);
    await byTestId('login-password').fill('not-the-password');
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toContain('用户名或密码错误');
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await shop.page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(username);
    // Not "remembered": the session lives in sessionStorage only.
    expect(await shop.page.evaluate(() => [sessionStorage.getItem('username'), localStorage.getItem('username')])).toEqual([username, null]);
  });

  it('shows the user centre with the profile from the API', async () => {
    await byTestId('header-user-center').click();
    await shop.page.waitForURL(at('/user_center_info.html'));
    await expect.poll(() => byTestId('uc-username').textContent()).toBe(username);
    expect(await byTestId('uc-mobile').textContent()).toBe(mobile);
    expect(await byTestId('uc-email-active').textContent()).toContain('未验证');
  });

  it('sends a shopper whose token the API refuses from the user centre to login, logged out', async () => {
    await loginAs(shop, { token: 'no.longer.valid', id: 1, username });
    await shop.page.goto(`${shop.mall.webUrl}/user_center_info.html?from=test`);
    await shop.page.waitForURL(at('/login.html'));
    expect(new URL(shop.page.url()).searchParams.get('next')).toBe('/user_center_info.html?from=test');
    expect(await shop.page.evaluate(() => [localStorage.getItem('token'), sessionStorage.getItem('token')])).toEqual([null, null]);
    await expect.poll(() => byTestId('header-login').isVisible()).toBe(true);
  });

  it('sends a logged-out visitor from the user centre to the login page and back', async () => {
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_info.html`);
    await shop.page.waitForURL(/\/login\.html\?next=/);
    await byTestId('login-username').fill(username);
    await byTestId('login-password').fill(password);
    await byTestId('login-remember').check();
    await byTestId('login-submit').click();
    await shop.page.waitForURL(at('/user_center_info.html'));
    expect(await shop.page.evaluate(() => localStorage.getItem('username'))).toBe(username);
  });

  it('asks for a captcha when this browser keeps failing on an account strangers have failed on', async () => {
    const user = await registerUser(shop.mall);
    // Strangers, each from an address of their own (behind the trusted proxy), fail 21 times.
    for (let i = 1; i <= 21; i++) {
      const stranger = { 'X-Forwarded-For': `10.9.0.${i}` };
      expect((await shop.mall.post('/authorizations/', { username: user.username, password: 'bad-guess-1' }, stranger)).status).toBe(400);
    }
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/login.html`);
    // This browser's first try needs no captcha; it fails, and now this address must give one.
    await byTestId('login-username').fill(user.username);
    await byTestId('login-password').fill('not-the-password');
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toBe('用户名或密码错误');
    expect(await byTestId('login-captcha').count()).toBe(0);
    await byTestId('login-password').fill(user.password);
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toBe('请输入图片验证码');
    await expect.poll(() => byTestId('login-captcha').isVisible()).toBe(true);
    await screenshot(shop.page, 'login_captcha.png');
    // A wrong answer is refused with the server's text, and a new picture comes.
    const first = await captchaAnswer(shop, 'login-captcha');
    await byTestId('login-image-code').fill(first === 'aaaa' ? 'bbbb' : 'aaaa');
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toBe('图片验证码错误');
    await byTestId('login-image-code').fill(await captchaAnswer(shop, 'login-captcha'));
    await byTestId('login-submit').click();
    await shop.page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(user.username);
  });
});

describe('storefront files', () => {
  /** A GET that leaves the body as sent: fetch would decode it and hide the encoding. */
  const rawGet = (url: string, headers: Record<string, string>) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  it('bundles the contract\'s rules and texts but never its schemas (TypeBox)', async () => {
    // The build the web host serves (WEB_DIST, or web/dist).
    const assets = path.join(webDist, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const bundle = (await Promise.all(scripts.map((name) => readFile(path.join(assets, name), 'utf8')))).join('\n');
    expect(bundle).toContain('用户名不能为纯数字');
    expect(bundle).not.toContain('TypeBox.');
  });

  it('sends the scripts compressed at build time to a browser that accepts it, and plain otherwise', async () => {
    const shell = await (await fetch(`${shop.mall.webUrl}/`)).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(shell)![1]!;
    const url = new URL(script, shop.mall.webUrl).toString();
    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toMatch(/immutable/);
    for (const [coding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const compressed = await rawGet(url, { 'Accept-Encoding': coding });
      expect(compressed.headers['content-encoding']).toBe(coding);
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
      expect(decode(compressed.body).equals(plain.body)).toBe(true);
    }
  });
});
