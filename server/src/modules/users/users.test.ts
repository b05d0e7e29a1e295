// Contract §3.1–§3.5 through HTTP: availability, registration, login, profile, JWT.
import { createSigner } from 'fast-jwt';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.js';
import { SMS_MAX_WRONG_TRIES } from '../verifications/service.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { registerUser, uniqueMobile } from '../../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
});
afterAll(() => mall.close());

async function freshCode(mobile: string) {
  await mall.get(`/sms_codes/${mobile}/`);
  return mall.smsCode(mobile);
}

function registration(overrides: Record<string, unknown> = {}) {
  return { username: 'new_shopper', password: 'password123', password2: 'password123', mobile: '13511112222', sms_code: '000000', allow: 'true', ...overrides };
}

describe('availability counts', () => {
  it('counts usernames exactly and case-sensitively', async () => {
    const user = await registerUser(mall, { username: 'CountMe01' });
    expect((await mall.get('/usernames/CountMe01/count/')).body).toEqual({ username: 'CountMe01', count: 1 });
    expect((await mall.get('/usernames/countme01/count/')).body).toEqual({ username: 'countme01', count: 0 });
    expect((await mall.get(`/mobiles/${user.mobile}/count/`)).body).toEqual({ mobile: user.mobile, count: 1 });
    expect((await mall.get('/mobiles/13999999999/count/')).body).toEqual({ mobile: '13999999999', count: 0 });
  });

  it('is up to date right after a registration', async () => {
    const mobile = uniqueMobile();
    expect((await mall.get('/usernames/fresh_name_1/count/')).body.count).toBe(0);
    expect((await mall.get(`/mobiles/${mobile}/count/`)).body.count).toBe(0);
    await registerUser(mall, { username: 'fresh_name_1', mobile });
    expect((await mall.get('/usernames/fresh_name_1/count/')).body.count).toBe(1);
    expect((await mall.get(`/mobiles/${mobile}/count/`)).body.count).toBe(1);
  });

  it('accepts Chinese usernames in the URL, as Python\'s \\w did', async () => {
    const response = await mall.get(`/usernames/${encodeURIComponent('美多商城用户')}/count/`);
    expect(response).toMatchObject({ status: 200, body: { username: '美多商城用户', count: 0 } });
  });

  it('answers 404 JSON for values outside the URL patterns', async () => {
    for (const path of ['/usernames/abcd/count/', `/usernames/${'a'.repeat(21)}/count/`, '/usernames/ab.cd.ef/count/', '/mobiles/12345678901/count/', '/mobiles/138/count/']) {
      const response = await mall.get(path);
      expect(response.status, path).toBe(404);
      expect(response.body).toEqual({ detail: '未找到。' });
    }
  });
});

describe('POST /users/', () => {
  it('registers, answers 201 with a JWT, hashes the password and consumes the code', async () => {
    const mobile = uniqueMobile();
    const sms_code = await freshCode(mobile);
    const response = await mall.post('/users/', registration({ username: 'shopper_01', mobile, sms_code }));
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['id', 'mobile', 'token', 'username']);
    expect(response.body).toMatchObject({ username: 'shopper_01', mobile });
    const [row] = await mall.context.db.select().from(users).where(eq(users.id, response.body.id));
    expect(row!.password).toMatch(/^\$argon2id\$/);
    expect(row!.isActive).toBe(true);
    expect(row!.emailActive).toBe(false);
    // The token works at once, and the code cannot register a second account.
    expect((await mall.get('/user/', { Authorization: `JWT ${response.body.token}` })).status).toBe(200);
    expect(await mall.context.cache.get(`sms_${mobile}`)).toBeNull();
  });

  it('reports every failing field at once (E1)', async () => {
    const response = await mall.post('/users/', registration({ username: 'abc', password: 'short', mobile: '12345', allow: 'false' }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      username: ['仅允许5-20个字符的用户名'],
      password: ['仅允许8-20个字符的密码'],
      mobile: ['手机号格式错误'],
      allow: ['请同意用户协议'],
    });
  });

  it.each([
    [{ username: 'a'.repeat(21) }, { username: ['仅允许5-20个字符的用户名'] }],
    [{ username: 'bad name!' }, { username: ['请输入合法的用户名。只能包含字母、数字和@/./+/-/_ 字符。'] }],
    [{ username: '1234567' }, { username: ['用户名不能为纯数字'] }],
    [{ password: 'p'.repeat(21), password2: 'p'.repeat(21) }, { password: ['仅允许8-20个字符的密码'] }],
    [{ allow: 'yes' }, { allow: ['请同意用户协议'] }],
  ])('rejects %o', async (overrides, body) => {
    const response = await mall.post('/users/', registration({ ...overrides, mobile: uniqueMobile() }));
    expect(response).toMatchObject({ status: 400, body });
  });

  it('takes JSON true for allow as consent, as DRF coerced it to "true"', async () => {
    const response = await mall.post('/users/', registration({ allow: true, mobile: uniqueMobile() }));
    // It gets past the field rules to the SMS check.
    expect(response).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
  });

  it('reports missing and blank fields with DRF\'s messages', async () => {
    const response = await mall.post('/users/', { username: '', password: 'password123' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      username: ['该字段不能为空。'],
      password2: ['该字段是必填项。'],
      mobile: ['该字段是必填项。'],
      sms_code: ['该字段是必填项。'],
      allow: ['该字段是必填项。'],
    });
  });

  it('rejects a taken username and a taken mobile', async () => {
    const taken = await registerUser(mall);
    const response = await mall.post('/users/', registration({ username: taken.username, mobile: taken.mobile }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ username: ['已存在一位使用该名字的用户。'], mobile: ['具有 手机号 的 用户 已存在。'] });
  });

  it('checks the passwords match before the SMS code (E2)', async () => {
    const response = await mall.post('/users/', registration({ mobile: uniqueMobile(), password2: 'different1' }));
    expect(response).toMatchObject({ status: 400, body: { non_field_errors: ['两次密码不一致'] } });
  });

  it('rejects a missing or wrong SMS code (E2)', async () => {
    const mobile = uniqueMobile();
    const none = await mall.post('/users/', registration({ username: 'no_code_user', mobile }));
    expect(none).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
    const code = await freshCode(mobile);
    const wrong = await mall.post('/users/', registration({ username: 'no_code_user', mobile, sms_code: code === '111111' ? '222222' : '111111' }));
    expect(wrong).toMatchObject({ status: 400, body: { non_field_errors: ['短信验证码错误'] } });
    // A wrong guess does not kill the code by itself.
    expect((await mall.post('/users/', registration({ username: 'no_code_user', mobile, sms_code: code }))).status).toBe(201);
  });

  it('kills the code after 5 wrong tries, so it cannot be brute-forced', async () => {
    const mobile = uniqueMobile();
    const code = await freshCode(mobile);
    const wrongCode = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) {
      const response = await mall.post('/users/', registration({ username: 'guesser_1', mobile, sms_code: wrongCode }));
      expect(response.body.non_field_errors).toEqual(['短信验证码错误']);
    }
    const late = await mall.post('/users/', registration({ username: 'guesser_1', mobile, sms_code: code }));
    expect(late).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
  });

  it('compares at most 5 tries of a code however many guesses race, and the code is dead after them', async () => {
    const mobile = uniqueMobile();
    const code = await freshCode(mobile);
    const wrongCode = code === '999999' ? '888888' : '999999';
    const attempt = (sms_code: string) => mall.post('/users/', registration({ username: 'burst_guesser', mobile, sms_code }));
    // 49 wrong guesses and the right code 50th, all in flight together.
    const responses = await Promise.all([...Array.from({ length: 49 }, () => attempt(wrongCode)), attempt(code)]);
    const compared = responses.filter((r) => r.status === 201 || r.body.non_field_errors?.[0] === '短信验证码错误');
    expect(compared.length).toBeLessThanOrEqual(SMS_MAX_WRONG_TRIES);
    for (const refused of responses.filter((r) => !compared.includes(r))) expect(refused).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
    expect(await attempt(code)).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
  });

  it('creates one account when the same registration races', async () => {
    const mobile = uniqueMobile();
    const sms_code = await freshCode(mobile);
    const body = registration({ username: 'racer_01', mobile, sms_code });
    const responses = await Promise.all(Array.from({ length: 4 }, () => mall.post('/users/', body)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(3);
    const rows = await mall.context.db.select().from(users).where(eq(users.mobile, mobile));
    expect(rows).toHaveLength(1);
  });
});

describe('POST /authorizations/', () => {
  it('logs in by username or by mobile and records last_login', async () => {
    const user = await registerUser(mall);
    await mall.context.db.update(users).set({ lastLogin: null }).where(eq(users.id, user.id));
    for (const account of [user.username, user.mobile]) {
      const response = await mall.post('/authorizations/', { username: account, password: user.password });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ token: expect.any(String), user_id: user.id, username: user.username });
    }
    const [row] = await mall.context.db.select().from(users).where(eq(users.id, user.id));
    expect(Date.now() - row!.lastLogin!.getTime()).toBeLessThan(60_000);
  });

  it('rejects a wrong password and an unknown account alike', async () => {
    const user = await registerUser(mall);
    for (const body of [
      { username: user.username, password: 'wrong-password' },
      { username: 'nobody_here', password: 'whatever1' },
      { username: '13000000000', password: 'whatever1' },
    ]) {
      const response = await mall.post('/authorizations/', body);
      expect(response).toMatchObject({ status: 400, body: { non_field_errors: ['无法使用提供的认证信息登录。'] } });
    }
  });

  it('rejects a disabled account', async () => {
    const user = await registerUser(mall);
    await mall.context.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    const response = await mall.post('/authorizations/', { username: user.username, password: user.password });
    expect(response).toMatchObject({ status: 400, body: { non_field_errors: ['用户账户已禁用。'] } });
  });

  it('reports missing fields (E1)', async () => {
    const response = await mall.post('/authorizations/', {});
    expect(response).toMatchObject({ status: 400, body: { username: ['该字段是必填项。'], password: ['该字段是必填项。'] } });
  });
});

describe('GET /user/ and JWT authentication', () => {
  const secret = () => mall.env.JWT_SECRET!;

  it('answers the profile for JWT and Bearer headers', async () => {
    const user = await registerUser(mall);
    for (const scheme of ['JWT', 'Bearer']) {
      const response = await mall.get('/user/', { Authorization: `${scheme} ${user.token}` });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: user.id, username: user.username, mobile: user.mobile, email: '', email_active: false });
    }
  });

  it('issues tokens with the contract claims and a 1-day expiry', async () => {
    const user = await registerUser(mall);
    const claims = JSON.parse(Buffer.from(user.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ user_id: user.id, username: user.username, email: '' });
    expect(claims.exp - claims.iat).toBe(86_400);
  });

  it.each([
    [undefined, '身份认证信息未提供。'],
    ['JWT', 'Invalid Authorization header. No credentials provided.'],
    ['JWT a b', 'Invalid Authorization header. Credentials string should not contain spaces.'],
    ['JWT undefined', 'Error decoding signature.'],
    ['JWT eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.forged', 'Error decoding signature.'],
    ['Basic dXNlcjpwYXNz', '身份认证信息未提供。'],
  ])('answers 401 for Authorization %s', async (header, detail) => {
    const response = await mall.get('/user/', header ? { Authorization: header } : {});
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail });
    expect(response.headers.get('www-authenticate')).toBe('JWT realm="api"');
  });

  it('rejects an expired token, and one signed with another secret', async () => {
    const user = await registerUser(mall);
    const sign = createSigner({ key: secret(), algorithm: 'HS256' });
    const expired = sign({ user_id: user.id, username: user.username, email: '', exp: Math.floor(Date.now() / 1000) - 10 });
    expect((await mall.get('/user/', { Authorization: `JWT ${expired}` })).body).toEqual({ detail: 'Signature has expired.' });
    const forged = createSigner({ key: 'x'.repeat(40), algorithm: 'HS256' })({ user_id: user.id, username: user.username, email: '' });
    expect((await mall.get('/user/', { Authorization: `JWT ${forged}` })).body).toEqual({ detail: 'Error decoding signature.' });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ user_id: user.id })).toString('base64url')}.`;
    expect((await mall.get('/user/', { Authorization: `JWT ${none}` })).status).toBe(401);
  });

  it('rejects the token of a deleted or disabled user', async () => {
    const sign = createSigner({ key: secret(), algorithm: 'HS256' });
    const ghost = sign({ user_id: 999_999, username: 'ghost', email: '' });
    expect((await mall.get('/user/', { Authorization: `JWT ${ghost}` })).body).toEqual({ detail: 'Invalid signature.' });
    const user = await registerUser(mall);
    await mall.context.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    const disabled = await mall.get('/user/', { Authorization: `JWT ${user.token}` });
    expect(disabled).toMatchObject({ status: 401, body: { detail: 'User account is disabled.' } });
  });
});
