// The user centre in a real browser, against the real API: the address book with its linked
// area selects, the four-step password reset by SMS, the e-mail set and verified through the
// link in the mail outbox, the password change, and QQ login through a fake QQ.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeQqEnv, startFakeQq, type FakeQq } from '../server/test/fake-qq.js';
import { readOutbox, waitForSmsCode } from '../server/test/harness.js';
import { registerUser, uniqueMobile } from '../server/test/fixtures.js';
import { at, captchaAnswer, DESKTOP, loggedOut, loginAs, screenshot, useStorefront } from './browser.js';

// A fake QQ whose authorize page sends the browser straight back with a fresh code, to the
// redirect the API is configured with (by default this test's storefront).
let qq: FakeQq;
beforeAll(async () => {
  qq = await startFakeQq({
    authorizeRedirect: (code, state) => `${shop.mall.context.config.qq.redirectUri}?${new URLSearchParams({ code, state })}`,
  });
});
afterAll(() => qq.close());

const shop = useStorefront(DESKTOP, () => ({
  env: { MAIL_BACKEND: 'file', SMS_IP_HOURLY_LIMIT: '1000', ...fakeQqEnv(qq) },
}));
const { byTestId } = shop;

async function logInThroughPage(account: string, password: string): Promise<void> {
  await shop.page.goto(`${shop.mall.webUrl}/login.html`);
  await byTestId('login-username').fill(account);
  await byTestId('login-password').fill(password);
  await byTestId('login-submit').click();
  await shop.page.waitForURL(at('/index.html'));
}

describe('user centre: the address book', () => {
  const card = (text: string) => byTestId('address-card').filter({ hasText: text });

  it('adds, edits, renames, sets the default and deletes addresses', async () => {
    const user = await registerUser(shop.mall);
    await loginAs(shop, user);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_site.html`);
    await expect.poll(() => byTestId('address-summary').textContent()).toMatch(/0\s*个收货地址，最多可创建\s*20/);

    // The shared rules on blur.
    await byTestId('address-add').click();
    await byTestId('addr-mobile').fill('12345');
    await byTestId('addr-tel').fill('phone');
    await byTestId('addr-email').fill('nope');
    await byTestId('addr-place').click();
    await expect.poll(() => byTestId('addr-error-mobile').textContent()).toBe('手机号格式错误');
    await expect.poll(() => byTestId('addr-error-tel').textContent()).toBe('固定电话格式错误');
    await expect.poll(() => byTestId('addr-error-email').textContent()).toBe('请输入合法的邮件地址。');

    // The first address, through the linked selects.
    await byTestId('addr-receiver').fill('张三');
    await byTestId('addr-province').selectOption({ label: '广东省' });
    await byTestId('addr-city').selectOption({ label: '广州市' });
    await byTestId('addr-district').selectOption({ label: '天河区' });
    await byTestId('addr-place').fill('天河路 1 号');
    await byTestId('addr-mobile').fill('13800001111');
    await byTestId('addr-tel').fill('020-12345678');
    await byTestId('addr-email').fill('zhang@example.cn');
    await screenshot(shop.page, 'user_center_site_form.png', false);
    await byTestId('addr-submit').click();
    await expect.poll(() => byTestId('address-card').count()).toBe(1);
    await expect.poll(() => card('张三').getByTestId('address-area').textContent()).toBe('广东省 广州市 天河区');
    // The first address is the default.
    expect(await card('张三').getByTestId('address-default-badge').count()).toBe(1);

    // A second one; changing the province empties the city and district it had.
    await byTestId('address-add').click();
    await byTestId('addr-receiver').fill('李四');
    await byTestId('addr-province').selectOption({ label: '广东省' });
    await byTestId('addr-city').selectOption({ label: '深圳市' });
    await byTestId('addr-province').selectOption({ label: '北京市' });
    await expect.poll(() => byTestId('addr-city').locator('option:checked').textContent()).toBe('请选择城市');
    await byTestId('addr-city').selectOption({ index: 1 });
    await byTestId('addr-district').selectOption({ label: '海淀区' });
    await byTestId('addr-place').fill('中关村大街 27 号');
    await byTestId('addr-mobile').fill('13900002222');
    await byTestId('addr-submit').click();
    await expect.poll(() => byTestId('address-card').count()).toBe(2);
    await expect.poll(() => card('李四').getByTestId('address-area').textContent()).toMatch(/^北京市 .+ 海淀区$/);

    // Edit: the form opens with the saved areas loaded; a new city and district.
    await card('张三').getByTestId('address-edit').click();
    await expect.poll(() => byTestId('addr-district').locator('option:checked').textContent()).toBe('天河区');
    await byTestId('addr-city').selectOption({ label: '深圳市' });
    await byTestId('addr-district').selectOption({ label: '南山区' });
    await byTestId('addr-place').fill('科技园 8 号');
    await byTestId('addr-submit').click();
    await expect.poll(() => card('张三').getByTestId('address-area').textContent()).toBe('广东省 深圳市 南山区');
    expect(await card('张三').getByTestId('address-place').textContent()).toBe('科技园 8 号');

    // Rename in place.
    await card('李四').getByTestId('address-title-edit').click();
    await byTestId('address-title-input').fill('公司');
    await byTestId('address-title-save').click();
    await expect.poll(() => card('李四').getByTestId('address-title').textContent()).toBe('公司');

    // Default.
    await card('李四').getByTestId('address-set-default').click();
    await expect.poll(() => card('李四').getByTestId('address-default-badge').count()).toBe(1);
    expect(await card('张三').getByTestId('address-default-badge').count()).toBe(0);
    const book = (await shop.mall.get('/addresses/', { Authorization: `JWT ${user.token}` })).body;
    expect(book.addresses.find((address: { id: number }) => address.id === book.default_address_id).receiver).toBe('李四');

    await screenshot(shop.page, 'user_center_site.png');

    // Delete, after the confirm.
    await card('张三').getByTestId('address-delete').click();
    await card('张三').getByTestId('address-delete-confirm').click();
    await expect.poll(() => byTestId('address-card').count()).toBe(1);
    await expect.poll(() => byTestId('address-summary').textContent()).toMatch(/1\s*个收货地址/);
  });
});

/** The find-password captcha's answer. */
const findCaptchaAnswer = () => captchaAnswer(shop, 'find-captcha');

describe('user centre: password reset by SMS', () => {
  it('goes through the four steps, and the new password logs in', async () => {
    const user = await registerUser(shop.mall);
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/login.html`);
    await byTestId('login-forgot').click();
    await shop.page.waitForURL(at('/find_password.html'));

    // Step 1: a wrong answer is refused with the server's text, and a new picture comes.
    await byTestId('find-account').fill(user.username);
    const first = await findCaptchaAnswer();
    await screenshot(shop.page, 'find_password_step1.png');
    await byTestId('find-image-code').fill(first === 'aaaa' ? 'bbbb' : 'aaaa');
    await byTestId('find-step-1-submit').click();
    await expect.poll(() => byTestId('find-error-image-code').textContent()).toBe('图片验证码错误');
    await byTestId('find-image-code').fill(await findCaptchaAnswer());
    await byTestId('find-step-1-submit').click();
    await expect.poll(() => byTestId('find-mobile').textContent()).toBe(`${user.mobile.slice(0, 3)}****${user.mobile.slice(-4)}`);

    await screenshot(shop.page, 'find_password_step2.png');

    // Step 2: the SMS (registration used the mobile's resend flag; let that wait pass).
    await shop.mall.context.cache.del(`send_flag_${user.mobile}`);
    const before = (await readOutbox(shop.mall.outboxDir)).filter((sms) => sms.mobile === user.mobile).length;
    await byTestId('find-sms-send').click();
    await expect.poll(() => byTestId('find-sms-send').textContent()).toMatch(/秒后重新获取/);
    const code = await waitForSmsCode(shop.mall.outboxDir, user.mobile, before + 1);
    await byTestId('find-sms-code').fill(code === '000000' ? '111111' : '000000');
    await byTestId('find-step-2-submit').click();
    await expect.poll(() => byTestId('find-error-sms-code').textContent()).toBe('短信验证码错误');
    await byTestId('find-sms-code').fill(code);
    await byTestId('find-step-2-submit').click();

    // Step 3: the new password.
    await byTestId('find-password').fill('short');
    await byTestId('find-password2').click();
    await expect.poll(() => byTestId('find-error-password').textContent()).toBe('仅允许8-20个字符的密码');
    const newPassword = 'reset-pass-42';
    await byTestId('find-password').fill(newPassword);
    await byTestId('find-password2').fill(newPassword);
    await byTestId('find-step-3-submit').click();

    // Step 4: done, and the new password works.
    await expect.poll(() => byTestId('find-done').isVisible()).toBe(true);
    await byTestId('find-to-login').click();
    await shop.page.waitForURL(at('/login.html'));
    await logInThroughPage(user.username, newPassword);
    await expect.poll(() => byTestId('header-username').textContent()).toBe(user.username);
  });

  it('tells the shopper about an account that does not exist', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/find_password.html`);
    await byTestId('find-account').fill('nobody_here_1');
    await byTestId('find-image-code').fill(await findCaptchaAnswer());
    await byTestId('find-step-1-submit').click();
    await expect.poll(() => byTestId('find-error-account').textContent()).toBe('用户不存在');
  });
});

describe('user centre: e-mail and password', () => {
  it('sets the e-mail, opens the link from the mail and shows it verified', async () => {
    const user = await registerUser(shop.mall);
    await loginAs(shop, user);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_info.html`);
    await expect.poll(() => byTestId('uc-email').textContent()).toContain('未设置');
    await byTestId('uc-email-edit').click();
    await byTestId('uc-email-input').fill('not-an-address');
    await byTestId('uc-email-save').click();
    await expect.poll(() => byTestId('uc-email-error').textContent()).toBe('请输入合法的邮件地址。');
    const email = `shopper.${randomBytes(3).toString('hex')}@example.cn`;
    await byTestId('uc-email-input').fill(email);
    await byTestId('uc-email-save').click();
    await expect.poll(() => byTestId('uc-email').textContent()).toContain(email);
    expect(await byTestId('uc-email-notice').textContent()).toContain('验证邮件已发送');
    expect(await byTestId('uc-email-active').textContent()).toBe('未验证');
    // Resend: the same call again, a second mail.
    await byTestId('uc-email-resend').click();

    const mails = () =>
      vi.waitFor(
        async () => {
          const text = await readFile(path.join(shop.mall.outboxDir, 'mail.jsonl'), 'utf8').catch(() => '');
          const found = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { to: string; text: string }).filter((mail) => mail.to === email);
          if (found.length < 2) throw new Error('mails not sent yet');
          return found;
        },
        { timeout: 15_000, interval: 50 },
      );
    const link = new URL(/https?:\/\/\S+\/success_verify_email\.html\?token=[^\s"<&]+/.exec((await mails()).at(-1)!.text)![0]);

    // A damaged link says so.
    await shop.page.goto(`${shop.mall.webUrl}/success_verify_email.html?token=broken`);
    await expect.poll(() => byTestId('verify-email-failed').textContent()).toBe('链接信息无效');

    await shop.page.goto(`${shop.mall.webUrl}${link.pathname}${link.search}`);
    await expect.poll(() => byTestId('verify-email-ok').isVisible()).toBe(true);
    await byTestId('verify-email-to-info').click();
    await shop.page.waitForURL(at('/user_center_info.html'));
    await expect.poll(() => byTestId('uc-email-active').textContent()).toBe('已验证');
    expect(await byTestId('uc-email-resend').count()).toBe(0);
  });

  it('changes the password, forgets the login and logs in with the new one', async () => {
    const user = await registerUser(shop.mall);
    await loginAs(shop, user);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_info.html`);
    await byTestId('uc-menu-pass').click();
    await shop.page.waitForURL(at('/user_center_pass.html'));
    await byTestId('pass-old_password').fill('wrong-password-1');
    await byTestId('pass-password').fill('changed-pass-1');
    await byTestId('pass-password2').fill('changed-pass-1');
    await byTestId('pass-submit').click();
    await expect.poll(() => byTestId('pass-error-old_password').textContent()).toBe('原密码错误');
    await byTestId('pass-old_password').fill(user.password);
    await byTestId('pass-submit').click();
    await shop.page.waitForURL(at('/login.html'));
    expect(await shop.page.evaluate(() => localStorage.getItem('token') ?? sessionStorage.getItem('token'))).toBeNull();
    // The login page says why the shopper is there; a reason it does not know says nothing.
    expect(await byTestId('login-notice').textContent()).toBe('密码已修改，请使用新密码重新登录');
    await screenshot(shop.page, 'login_password_changed.png');
    await logInThroughPage(user.mobile, 'changed-pass-1');
    await shop.page.goto(`${shop.mall.webUrl}/login.html?reason=%3Cb%3Ehacked%3C%2Fb%3E`);
    await expect.poll(() => byTestId('login-submit').isVisible()).toBe(true);
    expect(await byTestId('login-notice').count()).toBe(0);
  });
});

describe('QQ login', () => {
  it('binds a first-time QQ account to a new mobile and goes back where the login started', async () => {
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/login.html?next=${encodeURIComponent('/user_center_site.html')}`);
    await byTestId('login-qq').click();
    await shop.page.waitForURL(at('/oauth_callback.html'));
    const mobile = uniqueMobile();
    await byTestId('qq-mobile').fill(mobile);
    await byTestId('qq-password').fill('qq-bound-pass-1');
    await byTestId('qq-sms-send').click();
    await byTestId('qq-sms-code').fill(await shop.mall.smsCode(mobile));
    await byTestId('qq-submit').click();
    await shop.page.waitForURL(at('/user_center_site.html'));
    await expect.poll(() => byTestId('header-username').textContent()).toBe(`qq_${mobile}`);
  });

  it('logs a bound QQ account in at once', async () => {
    await loggedOut(shop);
    // The same fake QQ user again: bind one, then come back with its openid.
    const { code } = qq.grant([...qq.grants.values()].at(-1));
    const state = new URL((await shop.mall.get('/oauth/qq/authorization/?next=/user_center_info.html')).body.login_url).searchParams.get('state')!;
    await shop.page.goto(`${shop.mall.webUrl}/oauth_callback.html?code=${code}&state=${encodeURIComponent(state)}`);
    await shop.page.waitForURL(at('/user_center_info.html'));
    await expect.poll(() => byTestId('uc-username').textContent()).not.toBe('加载中…');
  });
});
