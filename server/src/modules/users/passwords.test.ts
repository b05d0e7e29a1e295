// Contract §3.10, §3.11 and §2.3 through HTTP: changing a password, the four-step reset by SMS,
// the tokens between the steps, and the throttles. A change or reset revokes older sessions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestMall, waitForSmsCode, type TestMall } from '../../../test/harness.js';
import { registerUser, solvedCaptcha } from '../../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', TRUST_PROXY: 'true' } });
});
afterAll(() => mall.close());

let lastOctet = 0;
/** Each test asks from its own client address (behind the trusted proxy). */
const newAddress = () => ({ 'X-Forwarded-For': `10.1.0.${++lastOctet}` });
const auth = (token: string) => ({ Authorization: `JWT ${token}` });
const login = (username: string, password: string) => mall.post('/authorizations/', { username, password }, newAddress());

/** A shopper registered more than a minute ago: the SMS resend wait of the registration is over. */
async function registered() {
  const user = await registerUser(mall);
  await mall.context.cache.del(`send_flag_${user.mobile}`);
  return user;
}

/** The reset's code: the second SMS the mobile has received (the first was the registration's). */
const resetCode = (mobile: string) => waitForSmsCode(mall.outboxDir, mobile, 2);

const captcha = () => solvedCaptcha(mall);

/** Steps 1 and 2 from `address`: the step-1 token, and the SMS code they sent. */
async function resetSmsSent(user: { username: string; mobile: string }, address: Record<string, string>) {
  const step1 = await mall.get(`/accounts/${user.username}/sms/token/?${new URLSearchParams(await captcha())}`, address);
  await mall.get(`/sms_codes/?access_token=${step1.body.access_token}`, address);
  return { smsToken: step1.body.access_token as string, code: await resetCode(user.mobile) };
}

describe('change password while logged in (PUT /users/<id>/password/)', () => {
  it('needs the old password, the rules of a new one, and the caller\'s own id', async () => {
    const user = await registerUser(mall);
    const other = await registerUser(mall);
    const change = (id: number, body: unknown) => mall.request('PUT', `/users/${id}/password/`, { body, headers: auth(user.token) });
    expect(await change(user.id, { old_password: 'not-my-pass', password: 'new-pass-123', password2: 'new-pass-123' })).toMatchObject({
      status: 400,
      body: { old_password: ['原密码错误'] },
    });
    expect(await change(user.id, { old_password: user.password, password: 'short', password2: 'short' })).toMatchObject({
      status: 400,
      body: { password: ['仅允许8-20个字符的密码'] },
    });
    expect(await change(user.id, { old_password: user.password, password: 'new-pass-123', password2: 'new-pass-456' })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['两次密码不一致'] },
    });
    expect(await change(other.id, { old_password: user.password, password: 'new-pass-123', password2: 'new-pass-123' })).toMatchObject({
      status: 403,
      body: { detail: '您没有执行该操作的权限。' },
    });
    expect((await mall.request('PUT', `/users/${user.id}/password/`, { body: {} })).status).toBe(401);
    // Nothing changed: both still log in with their passwords.
    expect((await login(user.username, user.password)).status).toBe(200);
    expect((await login(other.username, other.password)).status).toBe(200);
  });

  it('changes it, and every session opened before stops working', async () => {
    const user = await registerUser(mall);
    const otherSession = (await login(user.username, user.password)).body.token;
    const changed = await mall.request('PUT', `/users/${user.id}/password/`, {
      body: { old_password: user.password, password: 'brand-new-pass', password2: 'brand-new-pass' },
      headers: auth(user.token),
    });
    expect(changed).toMatchObject({ status: 200, body: { message: 'OK' } });
    for (const token of [user.token, otherSession]) {
      const refused = await mall.get('/user/', auth(token));
      expect(refused).toMatchObject({ status: 401, body: { detail: '登录状态已失效，请重新登录。' } });
      expect(refused.headers.get('error-code')).toBe('auth.revoked');
    }
    expect((await login(user.username, user.password)).status).toBe(400);
    const fresh = await login(user.username, 'brand-new-pass');
    expect(fresh.status).toBe(200);
    expect((await mall.get('/user/', auth(fresh.body.token))).status).toBe(200);
  });
});

describe('reset by SMS (four steps)', () => {
  it('resets through all four steps, and the new password logs in', async () => {
    const user = await registered();
    const address = newAddress();
    const step1 = await mall.get(`/accounts/${user.username}/sms/token/?${new URLSearchParams(await captcha())}`, address);
    expect(step1).toMatchObject({ status: 200, body: { mobile: `${user.mobile.slice(0, 3)}****${user.mobile.slice(-4)}` } });
    const step2 = await mall.get(`/sms_codes/?access_token=${step1.body.access_token}`, address);
    expect(step2).toMatchObject({ status: 200, body: { message: 'OK' } });
    const code = await resetCode(user.mobile);
    // The account may be named by its mobile too.
    const step3 = await mall.get(`/accounts/${user.mobile}/password/token/?sms_code=${code}`, address);
    expect(step3).toMatchObject({ status: 200, body: { user_id: user.id } });
    const step4 = await mall.post(`/users/${user.id}/password/`, { password: 'reset-pass-99', password2: 'reset-pass-99', access_token: step3.body.access_token }, address);
    expect(step4).toMatchObject({ status: 200, body: { id: user.id } });
    expect((await mall.get('/user/', auth(user.token))).status).toBe(401);
    expect((await login(user.username, 'reset-pass-99')).status).toBe(200);
    // Each token is single use where it must be: the set-password one, and the SMS code.
    const again = await mall.post(`/users/${user.id}/password/`, { password: 'other-pass-99', password2: 'other-pass-99', access_token: step3.body.access_token }, address);
    expect(again).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access token'] } });
    expect(await mall.get(`/accounts/${user.mobile}/password/token/?sms_code=${code}`, address)).toMatchObject({ status: 400, body: { sms_code: ['无效短信验证码'] } });
  });

  it('step 1: refuses a wrong captcha, a missing answer and an unknown account', async () => {
    const user = await registered();
    const address = newAddress();
    const wrong = await mall.get(`/accounts/${user.username}/sms/token/?image_code_id=${(await captcha()).image_code_id}&text=zzzz`, address);
    expect(wrong).toMatchObject({ status: 400, body: { non_field_errors: ['图片验证码错误'] } });
    expect(await mall.get(`/accounts/${user.username}/sms/token/?image_code_id=${randomUUID()}`, address)).toMatchObject({ status: 400, body: { text: ['该字段是必填项。'] } });
    const answer = await captcha();
    expect(await mall.get(`/accounts/nobody_at_all/sms/token/?image_code_id=${answer.image_code_id}&image_code=${answer.text}`, address)).toMatchObject({
      status: 404,
      body: { message: '用户不存在' },
    });
    expect((await mall.get('/accounts/a/sms/token/', address)).status).toBe(404);
  });

  it('step 2: refuses a missing, forged or wrong-purpose token, and a second SMS within a minute', async () => {
    const user = await registered();
    const address = newAddress();
    expect(await mall.get('/sms_codes/', address)).toMatchObject({ status: 400, body: { message: '缺少access_token' } });
    expect(await mall.get('/sms_codes/?access_token=forged.token.here', address)).toMatchObject({ status: 400, body: { message: '无效的access_token' } });
    // A login JWT is not a reset token.
    expect(await mall.get(`/sms_codes/?access_token=${user.token}`, address)).toMatchObject({ status: 400, body: { message: '无效的access_token' } });
    const step1 = await mall.get(`/accounts/${user.username}/sms/token/?${new URLSearchParams(await captcha())}`, address);
    expect((await mall.get(`/sms_codes/?access_token=${step1.body.access_token}`, address)).status).toBe(200);
    expect(await mall.get(`/sms_codes/?access_token=${step1.body.access_token}`, address)).toMatchObject({ status: 429, body: { message: '发送短信次数过于频繁' } });
  });

  it('step 3: reports a wrong code and an unknown account under sms_code', async () => {
    const user = await registered();
    const address = newAddress();
    const { code } = await resetSmsSent(user, address);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await mall.get(`/accounts/${user.username}/password/token/?sms_code=${wrong}`, address)).toMatchObject({ status: 400, body: { sms_code: ['短信验证码错误'] } });
    expect(await mall.get(`/accounts/nobody_at_all/password/token/?sms_code=${code}`, address)).toMatchObject({ status: 400, body: { sms_code: ['用户不存在'] } });
    expect((await mall.get(`/accounts/${user.username}/password/token/?sms_code=12345`, address)).status).toBe(400);
  });

  it('step 3: right codes racing get one token between them', async () => {
    const user = await registered();
    const address = newAddress();
    const { code } = await resetSmsSent(user, address);
    const responses = await Promise.all(Array.from({ length: 6 }, () => mall.get(`/accounts/${user.username}/password/token/?sms_code=${code}`, address)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of responses.filter((r) => r.status !== 200)) expect(refused).toMatchObject({ status: 400, body: { sms_code: ['无效短信验证码'] } });
  });

  it('step 4: refuses a token for another user, a tampered one, bad passwords; nothing changes', async () => {
    const user = await registered();
    const other = await registerUser(mall);
    const address = newAddress();
    const { smsToken, code } = await resetSmsSent(user, address);
    const step3 = await mall.get(`/accounts/${user.username}/password/token/?sms_code=${code}`, address);
    const token: string = step3.body.access_token;
    const set = (id: number, body: Record<string, unknown>) => mall.post(`/users/${id}/password/`, { password: 'reset-pass-99', password2: 'reset-pass-99', access_token: token, ...body }, address);
    expect(await set(other.id, {})).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access token'] } });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await set(user.id, { access_token: tampered })).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access token'] } });
    expect(await set(user.id, { access_token: smsToken })).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access token'] } });
    expect(await set(user.id, { password: 'short', password2: 'short' })).toMatchObject({ status: 400, body: { password: ['仅允许8-20个字符的密码'] } });
    expect(await set(user.id, { password2: 'different-99' })).toMatchObject({ status: 400, body: { non_field_errors: ['两次密码不一致'] } });
    expect((await login(user.username, user.password)).status).toBe(200);
    expect((await login(other.username, other.password)).status).toBe(200);
    // The refusals above did not use the token up.
    expect((await set(user.id, {})).status).toBe(200);
  });

  it('step 4: refuses a token past its 5 minutes', async () => {
    const user = await registered();
    const address = newAddress();
    const step3 = await mall.get(`/accounts/${user.username}/password/token/?sms_code=${(await resetSmsSent(user, address)).code}`, address);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 301_000 });
    try {
      const late = await mall.post(`/users/${user.id}/password/`, { password: 'reset-pass-99', password2: 'reset-pass-99', access_token: step3.body.access_token }, address);
      expect(late).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access token'] } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('limits the checking steps per address (429 with Retry-After)', async () => {
    const address = newAddress();
    for (let i = 0; i < 20; i++) await mall.get(`/accounts/somebody_${i}/password/token/?sms_code=123456`, address);
    const refused = await mall.get('/accounts/somebody_x/password/token/?sms_code=123456', address);
    expect(refused).toMatchObject({ status: 429, body: { message: expect.stringMatching(/^操作过于频繁，请\d+秒后再试$/) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('never keeps the owner out: strangers failing steps 1 and 3 from many addresses cost the owner nothing', async () => {
    const user = await registered();
    // More failed tries on the account than any account-wide allowance of an hour would hold.
    for (let i = 0; i < 25; i++) {
      const stranger = newAddress();
      expect((await mall.get(`/accounts/${user.username}/sms/token/?image_code_id=${randomUUID()}&text=zzzz`, stranger)).status).toBe(400);
      expect((await mall.get(`/accounts/${user.mobile}/password/token/?sms_code=123456`, stranger)).status).toBe(400);
    }
    const owner = newAddress();
    const { code } = await resetSmsSent(user, owner);
    const step3 = await mall.get(`/accounts/${user.username}/password/token/?sms_code=${code}`, owner);
    expect(step3).toMatchObject({ status: 200, body: { user_id: user.id } });
    const step4 = await mall.post(`/users/${user.id}/password/`, { password: 'reset-pass-99', password2: 'reset-pass-99', access_token: step3.body.access_token }, owner);
    expect(step4.status).toBe(200);
    expect((await login(user.username, 'reset-pass-99')).status).toBe(200);
  });
});
