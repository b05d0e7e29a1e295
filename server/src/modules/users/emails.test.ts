// Contract §3.6 and §3.7 through HTTP: setting the e-mail queues the verification mail (sent by
// the task worker through a real SMTP server, or to the file outbox), and its link verifies the
// address once, while the account still has it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { registerUser } from '../../../test/fixtures.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import { verifyEmailMessage } from './emails.js';

let smtp: TestSmtpServer;
let smtpMall: TestMall;
let mall: TestMall;
beforeAll(async () => {
  smtp = await startSmtpServer();
  [smtpMall, mall] = await Promise.all([
    startTestMall({ env: { MAIL_BACKEND: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: '美多商城 <shop@meiduo.site>', WEB_URL: 'http://www.meiduo.site:8080' } }),
    startTestMall({ env: { MAIL_BACKEND: 'file', WEB_URL: 'http://www.meiduo.site:8080' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([smtpMall?.close(), mall?.close()]);
  await smtp?.close();
});

const auth = (token: string) => ({ Authorization: `JWT ${token}` });
const setEmail = (on: TestMall, token: string, body: unknown, url = '/email/') => on.request('PUT', url, { body, headers: auth(token) });
const verify = (on: TestMall, token?: string) => on.get(`/emails/verification/${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);
const profile = async (on: TestMall, token: string) => (await on.get('/user/', auth(token))).body;

const LINK = /http:\/\/www\.meiduo\.site:8080\/success_verify_email\.html\?token=[^\s"<&]+/;
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

interface OutboxMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/** The newest of the first `count` mails the file backend has written for this address. */
const mailTo = (to: string, count = 1) =>
  vi.waitFor(
    async () => {
      const text = await readFile(path.join(mall.outboxDir, 'mail.jsonl'), 'utf8').catch(() => '');
      const mails = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as OutboxMail).filter((mail) => mail.to === to);
      if (mails.length < count) throw new Error(`no mail for ${to} yet`);
      return mails[count - 1]!;
    },
    { timeout: 15_000, interval: 20 },
  );
const linkTo = async (to: string, count = 1) => tokenOf((await mailTo(to, count)).text.match(LINK)![0]);

let addresses = 0;
const newAddress = () => `shopper.${++addresses}.${Date.now()}@example.cn`;

describe('the round trip through a real SMTP server', () => {
  it('sends the link by mail, and the link verifies the address once', async () => {
    const user = await registerUser(smtpMall);
    const email = newAddress();
    expect(await setEmail(smtpMall, user.token, { email })).toMatchObject({ status: 200, body: { id: user.id, email } });

    const { envelope, mail } = await smtp.nextMailTo(email);
    expect(envelope.to).toEqual([email]);
    expect(mail.subject).toBe('美多商城邮箱验证');
    expect(mail.to).toMatchObject({ value: [{ address: email }] });
    expect(mail.from?.value).toEqual([{ name: '美多商城', address: 'shop@meiduo.site' }]);
    expect(mail.text).toContain(user.username);
    const link = mail.text!.match(LINK)![0];
    expect(mail.html).toContain(`<a href="${link}">`);

    expect((await profile(smtpMall, user.token)).email_active).toBe(false);
    expect(await verify(smtpMall, tokenOf(link))).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect(await profile(smtpMall, user.token)).toMatchObject({ email, email_active: true });
    // A link works once.
    expect(await verify(smtpMall, tokenOf(link))).toMatchObject({ status: 400, body: { message: '链接信息无效' } });
  });
});

describe('setting the e-mail (PUT /email/)', () => {
  it('shows at once in GET /user/, and writes the mail to the file outbox', async () => {
    const user = await registerUser(mall);
    expect(await profile(mall, user.token)).toMatchObject({ email: '', email_active: false });
    const email = newAddress();
    // DRF trims the field before checking it.
    expect(await setEmail(mall, user.token, { email: `  ${email} ` })).toMatchObject({ status: 200, body: { id: user.id, email } });
    expect(await profile(mall, user.token)).toEqual({ id: user.id, username: user.username, mobile: user.mobile, email, email_active: false });

    const mail = await mailTo(email);
    expect(mail).toMatchObject({ to: email, subject: '美多商城邮箱验证' });
    expect(mail.text).toContain(`尊敬的用户 ${user.username}`);
    expect(mail.html).toContain(mail.text.match(LINK)![0]);
  });

  it('refuses a bad address, a missing or blank field, and a caller without a token', async () => {
    const user = await registerUser(mall);
    for (const email of ['no-at-sign', 'a@b', 'a@@example.cn', 'a b@example.cn', '.a@example.cn', 'a@-example.cn', 'a@example.c0m', `${'x'.repeat(65)}@example.cn`]) {
      const refused = await setEmail(mall, user.token, { email });
      expect(refused, email).toMatchObject({ status: 400, body: { email: ['请输入合法的邮件地址。'] } });
      expect(refused.headers.get('error-code')).toBe('email.format');
    }
    expect(await setEmail(mall, user.token, {})).toMatchObject({ status: 400, body: { email: ['该字段是必填项。'] } });
    expect(await setEmail(mall, user.token, { email: '' })).toMatchObject({ status: 400, body: { email: ['该字段不能为空。'] } });
    const anonymous = await mall.request('PUT', '/email/', { body: { email: newAddress() } });
    expect(anonymous).toMatchObject({ status: 401, body: { detail: '身份认证信息未提供。' } });
    expect(anonymous.headers.get('www-authenticate')).toBe('JWT realm="api"');
    expect((await profile(mall, user.token)).email).toBe('');
  });

  it('keeps a verified address verified when it is saved again, and unverifies another (also at /emails/)', async () => {
    const user = await registerUser(mall);
    const first = newAddress();
    await setEmail(mall, user.token, { email: first });
    expect((await verify(mall, await linkTo(first))).status).toBe(200);
    expect((await setEmail(mall, user.token, { email: first })).status).toBe(200);
    expect(await profile(mall, user.token)).toMatchObject({ email: first, email_active: true });
    const second = newAddress();
    expect(await setEmail(mall, user.token, { email: second }, '/emails/')).toMatchObject({ status: 200, body: { email: second } });
    expect(await profile(mall, user.token)).toMatchObject({ email: second, email_active: false });
  });
});

describe('the verification link (GET /emails/verification/)', () => {
  const invalid = { status: 400, body: { message: '链接信息无效' } };

  it('needs a token', async () => {
    for (const token of [undefined, '']) expect(await verify(mall, token)).toMatchObject({ status: 400, body: { message: '缺少token' } });
  });

  it('refuses a tampered token, a login JWT and garbage', async () => {
    const user = await registerUser(mall);
    const email = newAddress();
    await setEmail(mall, user.token, { email });
    const token = await linkTo(email);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'attacker@example.cn' })).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    for (const bad of [`${header}.${forged}.${signature}`, `${header}.${payload}.${flipped}`, user.token, 'not-a-token']) {
      expect(await verify(mall, bad)).toMatchObject(invalid);
    }
    // None of them used up the real link, and nothing was verified.
    expect((await profile(mall, user.token)).email_active).toBe(false);
    expect((await verify(mall, token)).status).toBe(200);
  });

  it('refuses a link older than 24 hours', async () => {
    const user = await registerUser(mall);
    const email = newAddress();
    await setEmail(mall, user.token, { email });
    const token = await linkTo(email);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 24 * 3600_000 + 60_000 });
    try {
      expect(await verify(mall, token)).toMatchObject(invalid);
    } finally {
      vi.useRealTimers();
    }
    expect((await profile(mall, user.token)).email_active).toBe(false);
  });

  it('refuses the link of an address the account no longer has', async () => {
    const user = await registerUser(mall);
    const [old, current] = [newAddress(), newAddress()];
    await setEmail(mall, user.token, { email: old });
    const stale = await linkTo(old);
    await setEmail(mall, user.token, { email: current });
    expect(await verify(mall, stale)).toMatchObject(invalid);
    expect(await profile(mall, user.token)).toMatchObject({ email: current, email_active: false });
    // The current address's link still works, also as the PUT some pages sent.
    const fresh = await mall.request('PUT', `/emails/verification/?token=${await linkTo(current)}`);
    expect(fresh).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect(await profile(mall, user.token)).toMatchObject({ email: current, email_active: true });
  });
});

describe('the verification mail', () => {
  it('escapes what it interpolates into the HTML body', () => {
    const url = 'http://www.meiduo.site:8080/success_verify_email.html?token=a.b.c&x=<y>';
    const mail = verifyEmailMessage({ username: "o'neil<b>", to_email: "o'neil&co@example.cn", verify_url: url });
    expect(mail).toMatchObject({ to: "o'neil&co@example.cn", subject: '美多商城邮箱验证' });
    expect(mail.text).toContain("尊敬的用户 o'neil<b>，您好！");
    expect(mail.text).toContain(`\n${url}\n`);
    expect(mail.html).toContain('尊敬的用户 o&#39;neil&lt;b&gt;，您好！');
    expect(mail.html).toContain('o&#39;neil&amp;co@example.cn');
    const escaped = 'http://www.meiduo.site:8080/success_verify_email.html?token=a.b.c&amp;x=&lt;y&gt;';
    expect(mail.html).toContain(`<a href="${escaped}">${escaped}</a>`);
    expect(mail.html).not.toMatch(/<b>|<y>/);
  });
});
