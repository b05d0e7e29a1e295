// The back office's login (contract §10.2) and its tokens: staff only, a separate audience,
// revoked at once when the account loses staff status, is deactivated or changes password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLogin, makeStaff, registerUser, STAFF_PASSWORD } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  // Behind a trusted proxy the client address comes from X-Forwarded-For.
  mall = await startTestMall({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => mall.close());

const BAD_LOGIN = { non_field_errors: ['无法使用提供的认证信息登录。'] };

describe('POST /meiduo_admin/authorizations/', () => {
  it('logs a staff account in with {token, id, username} and records last_login', async () => {
    const staff = await makeStaff(mall);
    const response = await mall.post('/meiduo_admin/authorizations/', { username: staff.username, password: STAFF_PASSWORD });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['id', 'token', 'username']);
    expect(response.body).toMatchObject({ id: staff.id, username: staff.username });
    const before = (await mall.services.users.findAccount(staff.username))!.lastLogin!;
    await adminLogin(mall, staff.username);
    expect((await mall.services.users.findAccount(staff.username))!.lastLogin!.getTime()).toBeGreaterThan(before.getTime());
  });

  it('refuses a shopper and a wrong password with the same 400', async () => {
    const shopper = await registerUser(mall);
    const asShopper = await mall.post('/meiduo_admin/authorizations/', { username: shopper.username, password: shopper.password });
    expect(asShopper.status).toBe(400);
    expect(asShopper.body).toMatchObject(BAD_LOGIN);
    const staff = await makeStaff(mall);
    const wrong = await mall.post('/meiduo_admin/authorizations/', { username: staff.username, password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject(BAD_LOGIN);
  });

  it('takes a username only, as the original: a staff member\'s mobile number is a wrong login', async () => {
    const staff = await makeStaff(mall);
    const { mobile } = await mall.services.admins.get(staff.id);
    const byMobile = await mall.post('/meiduo_admin/authorizations/', { username: mobile, password: STAFF_PASSWORD });
    expect(byMobile).toMatchObject({ status: 400, body: BAD_LOGIN });
  });

  it('is throttled by the shop login\'s throttle, with shared counts: 6 failures here hold the shop login too', async () => {
    const staff = await makeStaff(mall);
    const attacker = { 'X-Forwarded-For': '203.0.113.77' };
    for (let i = 0; i < 6; i++) {
      const guess = await mall.post('/meiduo_admin/authorizations/', { username: staff.username, password: 'wrong-guess' }, attacker);
      expect(guess.status).toBe(400);
    }
    const refused = await mall.post('/meiduo_admin/authorizations/', { username: staff.username, password: STAFF_PASSWORD }, attacker);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('error-code')).toBe('user.login_throttled');
    expect((await mall.post('/authorizations/', { username: staff.username, password: STAFF_PASSWORD }, attacker)).status).toBe(429);
  });
});

describe('admin tokens', () => {
  it('never pass a shop route', async () => {
    const staff = await makeStaff(mall);
    const profile = await mall.get('/user/', staff.auth);
    expect(profile.status).toBe(401);
  });

  it('live ADMIN_TOKEN_HOURS (12 by default), a shopper\'s token a day', async () => {
    const staff = await makeStaff(mall);
    const lifetime = (authorization: string) => {
      const claims = mall.context.tokens.verify(authorization.replace(/^JWT /, '')) as ReturnType<typeof mall.context.tokens.verify> & { iat: number; exp: number };
      return claims.exp - claims.iat;
    };
    expect(lifetime(staff.auth.authorization)).toBe(12 * 3600);
    const shop = await mall.post<{ token: string }>('/authorizations/', { username: staff.username, password: STAFF_PASSWORD });
    expect(lifetime(shop.body.token)).toBe(24 * 3600);
  });

  it('an older admin token keeps working after a new login', async () => {
    const staff = await makeStaff(mall, { permissions: ['users.view_user'] });
    const again = await adminLogin(mall, staff.username);
    expect((await mall.get('/meiduo_admin/users/', again)).status).toBe(200);
    expect((await mall.get('/meiduo_admin/users/', staff.auth)).status).toBe(200);
  });
});
