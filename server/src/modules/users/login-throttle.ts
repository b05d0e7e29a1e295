// Growing waits after failed logins, kept in the cache, so that one address cannot guess across
// many accounts and nobody can lock a real user out for long:
// - this client address and this account: a few free tries, then waits that double, up to 15 min;
// - this client address, any account: more free tries per hour, then doubling waits, up to 1 h;
// - this account, from anywhere: past its free tries a short fixed wait, never a lock-out.
// A try is reserved before the password is verified (one atomic increment per scope), so a burst
// of parallel tries gets the free ones and then one at a time, never one verification each.
import type { Cache } from '../../infra/cache/index.js';
import { fail } from '../../errors.js';

interface Scope {
  key: (ip: string, account: string) => string;
  /** Tries counted in this many seconds. */
  window: number;
  free: number;
  /** Seconds to wait after the k-th failure past the free ones (k from 1). */
  wait: (k: number) => number;
  /** A success wipes the scope's count (else it only gives its own try back). */
  forgetOnSuccess?: boolean;
}

const doubling = (cap: number) => (k: number) => Math.min(2 ** (k - 1), cap);

const SCOPES: Scope[] = [
  { key: (ip, account) => `ip_account:${ip}:${account}`, window: 900, free: 5, wait: doubling(900), forgetOnSuccess: true },
  { key: (ip) => `ip:${ip}`, window: 3600, free: 20, wait: doubling(3600) },
  { key: (_ip, account) => `account:${account}`, window: 900, free: 20, wait: () => 30 },
];

const triesKey = (key: string) => `login_tries:${key}`;
const waitKey = (key: string) => `login_wait:${key}`;

/** One scope's share of a try: its place in the count, and whether it holds the scope's wait. */
interface Reservation {
  scope: Scope;
  key: string;
  /** How far past the free tries this one is (≤ 0: a free try). */
  past: number;
}

export class LoginThrottle {
  constructor(private readonly cache: Cache) {}

  /**
   * Counts the try in every scope before the password is looked at. Past a scope's free tries,
   * the try goes ahead only if it is the one that starts the scope's next wait (set-if-absent);
   * any other is refused with 429 and Retry-After, and gives its counts back, so waits grow
   * with real failures, not with refused tries.
   */
  async reserve(ip: string, account: string): Promise<LoginTry> {
    const held: Reservation[] = [];
    for (const scope of SCOPES) {
      const key = scope.key(ip, account);
      const past = (await this.cache.incr(triesKey(key), scope.window)) - scope.free;
      if (past <= 0 || (await this.cache.setIfAbsent(waitKey(key), '1', scope.wait(past)))) {
        held.push({ scope, key, past });
        continue;
      }
      const seconds = Math.max(1, await this.cache.ttl(waitKey(key)));
      await this.cache.decr(triesKey(key));
      await new LoginTry(this.cache, held).release();
      throw fail('user.login_throttled', { params: { seconds: String(seconds) } }, { retryAfter: seconds });
    }
    return new LoginTry(this.cache, held);
  }
}

/** A reserved try: settled once, by the password's verdict, or released when it ends without one. */
export class LoginTry {
  private settled = false;

  constructor(
    private readonly cache: Cache,
    private readonly held: Reservation[],
  ) {}

  /** A wrong password: the counts stay, and each wait this try holds runs from now. */
  async failed(): Promise<void> {
    this.settled = true;
    await Promise.all(this.held.filter(({ past }) => past > 0).map(({ scope, key, past }) => this.cache.set(waitKey(key), '1', scope.wait(past))));
  }

  /** The right password: this address's tries on this account are forgotten, the rest given back. */
  async succeeded(): Promise<void> {
    this.settled = true;
    await Promise.all(
      this.held.map((reservation) => (reservation.scope.forgetOnSuccess ? this.cache.del(triesKey(reservation.key), waitKey(reservation.key)) : this.giveBack(reservation))),
    );
  }

  /** Ended before the password's verdict (refused, or failed itself): as if it had not been made. Once settled, nothing. */
  async release(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await Promise.all(this.held.map((reservation) => this.giveBack(reservation)));
  }

  private async giveBack({ key, past }: Reservation): Promise<void> {
    await Promise.all([this.cache.decr(triesKey(key)), past > 0 ? this.cache.del(waitKey(key)) : undefined]);
  }
}
