// Login throttling through HTTP: growing waits per address and account and per address, a
// captcha for addresses that keep failing on a suspicious account, and never a lock-out of the
// owner; every try is counted before its password is checked, so bursts get no more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { registerUser, solvedCaptcha } from '../../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  // Behind a trusted proxy the client address comes from X-Forwarded-For: many addresses, one test.
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', TRUST_PROXY: 'true' } });
});
afterAll(() => mall.close());

let lastOctet = 0;
const newAddress = () => `10.0.${Math.floor(++lastOctet / 250)}.${lastOctet % 250}`;
const login = (ip: string, username: string, password: string) => mall.post('/authorizations/', { username, password }, { 'X-Forwarded-For': ip });
/** Lets a running wait pass (the cache key's expiry), without sleeping. */
const waitPasses = (scope: string) => mall.context.cache.del(`login_wait:${scope}`);

describe('login throttling', () => {
  it('makes one address wait after 5 wrong passwords for an account, even for the right one, with doubling waits', async () => {
    const user = await registerUser(mall);
    const attacker = newAddress();
    for (let i = 0; i < 5; i++) expect((await login(attacker, user.username, 'bad-guess-1')).status).toBe(400);
    // The 5th failure was free; the 6th starts the waits: 1 s, then 2 s, then 4 s.
    const retries: number[] = [];
    for (let k = 0; k < 3; k++) {
      expect((await login(attacker, user.username, 'bad-guess-1')).status).toBe(400);
      const refused = await login(attacker, user.username, user.password);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('error-code')).toBe('user.login_throttled');
      expect(refused.body.non_field_errors[0]).toMatch(/^登录尝试过于频繁，请\d+秒后再试$/);
      retries.push(Number(refused.headers.get('retry-after')));
      await waitPasses(`ip_account:${attacker}:user:${user.id}`);
    }
    expect(retries).toEqual([1, 2, 4]);
    // The owner, from their own address, is not held up by the attacker's failures.
    expect((await login(newAddress(), user.username, user.password)).status).toBe(200);
  });

  it('counts the tries on an account together whether it is named by username or by mobile', async () => {
    const user = await registerUser(mall);
    const attacker = newAddress();
    for (let i = 0; i < 5; i++) expect((await login(attacker, user.username, 'bad-guess-1')).status).toBe(400);
    // The free tries are spent: by mobile, the next one starts the wait, and the one after waits.
    expect((await login(attacker, user.mobile, 'bad-guess-1')).status).toBe(400);
    expect((await login(attacker, user.mobile, user.password)).status).toBe(429);
    expect((await login(attacker, user.username, user.password)).status).toBe(429);
  });

  it('reserves each try before the password is checked: a burst gets the free tries, then one at a time', async () => {
    const user = await registerUser(mall);
    const attacker = newAddress();
    const burst = async () => {
      const responses = await Promise.all(Array.from({ length: 40 }, () => login(attacker, user.username, 'bad-guess-1')));
      for (const refused of responses.filter((r) => r.status !== 400)) {
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      return responses.filter((r) => r.status === 400).length;
    };
    // 40 at once: the 5 free tries reach the password, then only the try that starts the first
    // wait (1 s). A burst arriving over more seconds than the waits it meets could let a few
    // more through (waits of 1, 2, 4, 8 s), never the 40 the check-then-count code verified.
    const first = await burst();
    expect(first).toBeGreaterThanOrEqual(5);
    expect(first).toBeLessThanOrEqual(9);
    // One failure after each wait, until the next wait is 16 s: far longer than any burst.
    const scope = `ip_account:${attacker}:user:${user.id}`;
    for (let tries = first; 2 ** (tries - 5) < 16; tries++) {
      await waitPasses(scope);
      expect((await login(attacker, user.username, 'bad-guess-1')).status).toBe(400);
    }
    await waitPasses(scope);
    // A burst now meets a wait it cannot outlast: exactly one try reaches the password.
    expect(await burst()).toBe(1);
    const owner = await login(attacker, user.username, user.password);
    expect(owner.status).toBe(429);
    expect(Number(owner.headers.get('retry-after'))).toBeGreaterThan(8);
  });

  it('slows one address that guesses across many accounts', async () => {
    const guesser = newAddress();
    for (let i = 0; i < 20; i++) expect((await login(guesser, `nobody_${i}_here`, 'bad-guess-1')).status).toBe(400);
    expect((await login(guesser, 'nobody_20_here', 'bad-guess-1')).status).toBe(400);
    const refused = await login(guesser, 'someone_else', 'bad-guess-1');
    expect(refused).toMatchObject({ status: 429 });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Others are not affected.
    const user = await registerUser(mall);
    expect((await login(newAddress(), user.username, user.password)).status).toBe(200);
  });

  it('never keeps the owner out: strangers failing on an account must then solve a captcha, the owner from a clean address need not', async () => {
    const user = await registerUser(mall);
    const strangers = Array.from({ length: 21 }, newAddress);
    for (const stranger of strangers) expect((await login(stranger, user.username, 'bad-guess-1')).status).toBe(400);
    // The owner, from an address that has not failed on the account, gets in at once.
    expect((await login(newAddress(), user.username, user.password)).status).toBe(200);
    // An address that has failed must now add a captcha, even with the right password.
    const [first, second] = strangers as [string, string];
    const refused = await login(first, user.username, user.password);
    expect(refused).toMatchObject({ status: 400, body: { non_field_errors: ['请输入图片验证码'] } });
    expect(refused.headers.get('error-code')).toBe('user.captcha_required');
    const withCaptcha = (ip: string, password: string, captcha: { image_code_id: string; text: string }) =>
      mall.post('/authorizations/', { username: user.username, password, image_code_id: captcha.image_code_id, image_code: captcha.text }, { 'X-Forwarded-For': ip });
    const wrongAnswer = await solvedCaptcha(mall);
    expect(await withCaptcha(first, user.password, { ...wrongAnswer, text: wrongAnswer.text === 'aaaa' ? 'bbbb' : 'aaaa' })).toMatchObject({
      status: 400,
      body: { non_field_errors: ['图片验证码错误'] },
    });
    // A captcha answers one try: a wrong password spends it.
    const captcha = await solvedCaptcha(mall);
    expect(await withCaptcha(second, 'bad-guess-1', captcha)).toMatchObject({ status: 400, body: { non_field_errors: ['无法使用提供的认证信息登录。'] } });
    expect(await withCaptcha(second, user.password, captcha)).toMatchObject({ status: 400, body: { non_field_errors: ['图片验证码无效'] } });
    expect(await mall.post('/authorizations/', { username: user.username, password: user.password, image_code_id: captcha.image_code_id }, { 'X-Forwarded-For': second })).toMatchObject({
      status: 400,
      body: { image_code: ['该字段是必填项。'] },
    });
    // A right captcha and the right password log in.
    expect((await withCaptcha(first, user.password, await solvedCaptcha(mall))).status).toBe(200);
    expect((await withCaptcha(second, user.password, await solvedCaptcha(mall))).status).toBe(200);
  });

  it('forgets an address\'s failures on an account once it logs in', async () => {
    const user = await registerUser(mall);
    const address = newAddress();
    for (let i = 0; i < 4; i++) await login(address, user.username, 'bad-guess-1');
    expect((await login(address, user.username, user.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(address, user.username, 'bad-guess-1')).status).toBe(400);
  });
});
