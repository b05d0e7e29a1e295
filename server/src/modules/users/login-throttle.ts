// Growing waits after failed logins, kept in the cache under three keys, so that one address
// cannot guess across many accounts and nobody can lock a real user out for long:
// - this client address and this account: a few free tries, then waits that double, up to 15 min;
// - this client address, any account: more free tries per hour, then doubling waits, up to 1 h;
// - this account, from anywhere: past its free tries a short fixed wait, never a lock-out.
import type { Cache } from '../../infra/cache/index.js';
import { fail } from '../../errors.js';

interface Scope {
  key: (ip: string, account: string) => string;
  /** Failures counted in this many seconds. */
  window: number;
  free: number;
  /** Seconds to wait after the k-th failure past the free ones (k from 1). */
  wait: (k: number) => number;
}

const doubling = (cap: number) => (k: number) => Math.min(2 ** (k - 1), cap);

const SCOPES: Scope[] = [
  { key: (ip, account) => `ip_account:${ip}:${account}`, window: 900, free: 5, wait: doubling(900) },
  { key: (ip) => `ip:${ip}`, window: 3600, free: 20, wait: doubling(3600) },
  { key: (_ip, account) => `account:${account}`, window: 900, free: 20, wait: () => 30 },
];

export class LoginThrottle {
  constructor(private readonly cache: Cache) {}

  /** Refuses with 429 and Retry-After while any of the three waits runs. */
  async check(ip: string, account: string): Promise<void> {
    const left = await Promise.all(SCOPES.map((scope) => this.cache.ttl(`login_wait:${scope.key(ip, account)}`)));
    const seconds = Math.max(...left);
    if (seconds > 0) throw fail('user.login_throttled', { params: { seconds: String(seconds) } }, { retryAfter: seconds });
  }

  async failed(ip: string, account: string): Promise<void> {
    await Promise.all(
      SCOPES.map(async (scope) => {
        const key = scope.key(ip, account);
        const failures = await this.cache.incr(`login_fail:${key}`, scope.window);
        if (failures > scope.free) await this.cache.set(`login_wait:${key}`, '1', scope.wait(failures - scope.free));
      }),
    );
  }

  /** A success forgets this address's failures on this account (not the address's others). */
  async succeeded(ip: string, account: string): Promise<void> {
    const key = SCOPES[0]!.key(ip, account);
    await this.cache.del(`login_fail:${key}`, `login_wait:${key}`);
  }
}
