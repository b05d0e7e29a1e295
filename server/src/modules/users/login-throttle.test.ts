// Login throttling through HTTP: growing waits per address and account, per address, and a
// short one per account, so guessing is slow and nobody locks a real user out for long.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, startTestMall, type TestMall } from '../../../test/harness.js';

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
      await waitPasses(`ip_account:${attacker}:${user.username.toLowerCase()}`);
    }
    expect(retries).toEqual([1, 2, 4]);
    // The owner, from their own address, is not held up by the attacker's failures.
    expect((await login(newAddress(), user.username, user.password)).status).toBe(200);
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
    // 40 at once: the 5 free tries and the one that starts the first wait reach the password.
    expect(await burst()).toBeLessThanOrEqual(6);
    // Each later burst, once the wait has passed, gets one try: the waits grow to 2, 4, 8 s.
    for (let k = 0; k < 3; k++) {
      await waitPasses(`ip_account:${attacker}:${user.username.toLowerCase()}`);
      expect(await burst()).toBeLessThanOrEqual(1);
    }
    const owner = await login(attacker, user.username, user.password);
    expect(owner.status).toBe(429);
    expect(Number(owner.headers.get('retry-after'))).toBeLessThanOrEqual(8);
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

  it('lets strangers from many addresses hold an account up for seconds, never lock it out', async () => {
    const user = await registerUser(mall);
    for (let i = 0; i < 21; i++) expect((await login(newAddress(), user.username, 'bad-guess-1')).status).toBe(400);
    const owner = await login(newAddress(), user.username, user.password);
    expect(owner.status).toBe(429);
    expect(Number(owner.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    await waitPasses(`account:${user.username.toLowerCase()}`);
    expect((await login(newAddress(), user.username, user.password)).status).toBe(200);
  });

  it('forgets an address\'s failures on an account once it logs in', async () => {
    const user = await registerUser(mall);
    const address = newAddress();
    for (let i = 0; i < 4; i++) await login(address, user.username, 'bad-guess-1');
    expect((await login(address, user.username, user.password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(address, user.username, 'bad-guess-1')).status).toBe(400);
  });
});
