// Contract §4 through HTTP, against a fake QQ (server/test/fake-qq.ts) that answers as
// graph.qq.com does (url-encoded token reply, JSONP-like openid reply).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qqUsers, users } from '../../db/schema/index.js';
import { fakeQqEnv, startFakeQq, type FakeQq } from '../../../test/fake-qq.js';
import { readOutbox, startTestMall, waitForSmsCode, type TestMall } from '../../../test/harness.js';
import { registerUser, uniqueMobile } from '../../../test/fixtures.js';

let qq: FakeQq;
let qqUrl: string;
let mall: TestMall;

beforeAll(async () => {
  qq = await startFakeQq();
  qqUrl = qq.url;
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ...fakeQqEnv(qq) } });
});
afterAll(async () => {
  await mall.close();
  await qq.close();
});

/** A code the fake QQ will exchange for a fresh openid. */
const qqGrant = () => qq.grant();

/** A fresh SMS code for the mobile (the resend wait of an earlier one taken as passed). */
async function smsCodeFor(mobile: string) {
  const earlier = (await readOutbox(mall.outboxDir)).filter((sms) => sms.mobile === mobile).length;
  await mall.context.cache.del(`send_flag_${mobile}`);
  expect((await mall.get(`/sms_codes/${mobile}/`)).status).toBe(200);
  return waitForSmsCode(mall.outboxDir, mobile, earlier + 1);
}

describe('QQ login', () => {
  it('gives the authorize URL with a signed state that carries next', async () => {
    const response = await mall.get('/oauth/qq/authorization/?next=/user_center_info.html');
    expect(response.status).toBe(200);
    const url = new URL(response.body.login_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${qqUrl}/oauth2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'qq-app-id',
      redirect_uri: 'http://127.0.0.1:8080/oauth_callback.html',
      scope: 'get_user_info',
    });
    const { code } = qqGrant();
    const callback = await mall.get(`/oauth/qq/user/?code=${code}&state=${encodeURIComponent(url.searchParams.get('state')!)}`);
    expect(callback.body.next).toBe('/user_center_info.html');
  });

  it('follows only a next on the shop, and only from a state that passes its signature', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const state = new URL((await mall.get(`/oauth/qq/authorization/?next=${encodeURIComponent(next)}`)).body.login_url).searchParams.get('state')!;
      expect((await mall.get(`/oauth/qq/user/?code=${qqGrant().code}&state=${encodeURIComponent(state)}`)).body.next).toBe('/');
    }
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"next":"/evil"}').toString('base64url')}.sig`;
    expect((await mall.get(`/oauth/qq/user/?code=${qqGrant().code}&state=${forged}`)).body.next).toBe('/');
  });

  it('hands out a binding token for an unbound QQ account, and binds it to a new account', async () => {
    const { code, openid } = qqGrant();
    const callback = await mall.get(`/oauth/qq/user/?code=${code}`);
    expect(callback).toMatchObject({ status: 200, body: { next: '/' } });
    expect(callback.body.access_token).toEqual(expect.any(String));
    expect(callback.body.token).toBeUndefined();
    // The server called QQ with its secret and the same redirect URI.
    expect(qq.seen.find((url) => url.pathname === '/oauth2.0/token' && url.searchParams.get('code') === code)?.searchParams.get('redirect_uri')).toBe(
      'http://127.0.0.1:8080/oauth_callback.html',
    );
    const mobile = uniqueMobile();
    const bound = await mall.post('/oauth/qq/user/', { mobile, password: 'qq-pass-123', sms_code: await smsCodeFor(mobile), access_token: callback.body.access_token });
    expect(bound).toMatchObject({ status: 201, body: { username: `qq_${mobile}`, mobile } });
    expect(bound.body.id).toBe(bound.body.user_id);
    expect((await mall.get('/user/', { Authorization: `JWT ${bound.body.token}` })).body).toMatchObject({ id: bound.body.id, mobile });
    // Next time the same QQ account logs straight in.
    const again = await mall.get(`/oauth/qq/user/?code=${rebind(openid)}`);
    expect(again).toMatchObject({ status: 200, body: { user_id: bound.body.id, username: `qq_${mobile}` } });
    expect((await mall.get('/user/', { Authorization: `JWT ${again.body.token}` })).status).toBe(200);
    // The new account also logs in with its mobile and password.
    expect((await mall.post('/authorizations/', { username: mobile, password: 'qq-pass-123' })).status).toBe(200);
  });

  it('binds to an existing account when its password is right, and refuses a wrong one', async () => {
    const user = await registerUser(mall);
    const { code, openid } = qqGrant();
    const token = (await mall.get(`/oauth/qq/user/?code=${code}`)).body.access_token;
    const wrong = await mall.post('/oauth/qq/user/', { mobile: user.mobile, password: 'not-the-password', sms_code: await smsCodeFor(user.mobile), access_token: token });
    expect(wrong).toMatchObject({ status: 400, body: { non_field_errors: ['密码错误'], message: '密码错误' } });
    expect(await mall.context.db.select().from(qqUsers).where(eq(qqUsers.openid, openid))).toEqual([]);
    const right = await mall.post('/oauth/qq/user/', { mobile: user.mobile, password: user.password, sms_code: await smsCodeFor(user.mobile), access_token: token });
    expect(right).toMatchObject({ status: 201, body: { id: user.id, user_id: user.id, username: user.username } });
    // The binding token works once.
    const replay = await mall.post('/oauth/qq/user/', { mobile: user.mobile, password: user.password, sms_code: await smsCodeFor(user.mobile), access_token: token });
    expect(replay).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access_token'] } });
  });

  it('refuses a forged or wrong-purpose token, a wrong or expired SMS code, and bad fields; nothing is created', async () => {
    const mobile = uniqueMobile();
    const token = (await mall.get(`/oauth/qq/user/?code=${qqGrant().code}`)).body.access_token;
    const state = new URL((await mall.get('/oauth/qq/authorization/')).body.login_url).searchParams.get('state')!;
    const bind = (body: Record<string, unknown>) => mall.post('/oauth/qq/user/', { mobile, password: 'qq-pass-123', sms_code: '000000', access_token: token, ...body });
    expect(await bind({ access_token: 'forged' })).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access_token'] } });
    expect(await bind({ access_token: state })).toMatchObject({ status: 400, body: { non_field_errors: ['无效的access_token'] } });
    expect(await bind({})).toMatchObject({ status: 400, body: { non_field_errors: ['无效的短信验证码'] } });
    const code = await smsCodeFor(mobile);
    expect(await bind({ sms_code: code === '000000' ? '111111' : '000000' })).toMatchObject({ status: 400, body: { non_field_errors: ['短信验证码错误'] } });
    expect(await bind({ mobile: '123', password: 'short' })).toMatchObject({ status: 400, body: { mobile: ['手机号格式错误'], password: ['仅允许8-20个字符的密码'] } });
    expect(await mall.context.db.select().from(users).where(eq(users.mobile, mobile))).toEqual([]);
  });

  it('answers 400 without a code, and 503 when QQ fails or answers garbage', async () => {
    expect(await mall.get('/oauth/qq/user/')).toMatchObject({ status: 400, body: { message: '缺少code' } });
    for (const code of ['down', 'broken', 'never-granted']) {
      expect(await mall.get(`/oauth/qq/user/?code=${code}`)).toMatchObject({ status: 503, body: { message: 'QQ服务器内部错误' } });
    }
  });
});

/** A new code for an openid that is already known (the same QQ user logging in again). */
const rebind = (openid: string) => qq.grant(openid).code;

describe('QQ login without configuration', () => {
  it('says so with 503 instead of sending the browser to a broken QQ page', async () => {
    const bare = await startTestMall();
    try {
      expect(await bare.get('/oauth/qq/authorization/')).toMatchObject({ status: 503, body: { message: 'QQ登录未配置' } });
    } finally {
      await bare.close();
    }
  });
});
