// Login throttling, kept in the cache, so that guessing is slow and costs the guesser, never the
// owner of an account:
// - this client address and this account: a few free tries, then waits that double, up to 15 min;
// - this client address, any account: more free tries per hour, then doubling waits, up to 1 h;
// - this account, from anywhere: only counted. Past its allowance the account is suspicious, and
//   an address that has already tried it must solve a captcha for each further try; an address
//   new to the account (the owner's, say) still logs in with the password alone, so nobody can
//   lock a real user out.
// An account is known by its id once found, so its username and its mobile share one count; a name
// with no account is counted under the name (lower-cased, and prefixed so it never poses as an id).
// A try is reserved before the password is verified (one atomic increment per scope), so a burst
// of parallel tries gets the free ones and then one at a time, never one verification each.
import type { Cache } from '../../infra/cache/index.js';
import { fail } from '../../errors.js';

interface Scope {
  key: (ip: string, account: AccountKey) => string;
  /** Tries counted in this many seconds. */
  window: number;
  free: number;
  /** Seconds to wait after the k-th failure past the free ones (k from 1); none: only counted. */
  wait?: (k: number) => number;
  /** A success wipes the scope's count (else it only gives its own try back). */
  forgetOnSuccess?: boolean;
}

/** Whom a try is on: the account found (by username or mobile), else the name typed. */
type AccountKey = `user:${number}` | `name:${string}`;

export const accountKey = (user: { id: number } | undefined, name: string): AccountKey => (user ? `user:${user.id}` : `name:${name.toLowerCase()}`);

const doubling = (cap: number) => (k: number) => Math.min(2 ** (k - 1), cap);

const ADDRESS_ACCOUNT: Scope = { key: (ip, account) => `ip_account:${ip}:${account}`, window: 900, free: 5, wait: doubling(900), forgetOnSuccess: true };
const ADDRESS: Scope = { key: (ip) => `ip:${ip}`, window: 3600, free: 20, wait: doubling(3600) };
/** Past `free` tries in the window, the account asks a captcha of every address that has tried it before. */
const ACCOUNT: Scope = { key: (_ip, account) => `account:${account}`, window: 900, free: 20 };
const SCOPES = [ADDRESS_ACCOUNT, ADDRESS, ACCOUNT];

const triesKey = (key: string) => `login_tries:${key}`;
const waitKey = (key: string) => `login_wait:${key}`;

/** One scope's share of a try: its place in the count, and whether it holds the scope's wait. */
interface Reservation {
  scope: Scope;
  key: string;
  /** Its place in the scope's count (this try included). */
  tries: number;
  /** It started the scope's next wait, which it must run from its failure or give back. */
  holdsWait: boolean;
}

export class LoginThrottle {
  constructor(private readonly cache: Cache) {}

  /**
   * Counts the try in every scope before the password is looked at. Past a scope's free tries,
   * the try goes ahead only if it is the one that starts the scope's next wait (set-if-absent);
   * any other is refused with 429 and Retry-After, and gives its counts back, so waits grow
   * with real failures, not with refused tries.
   */
  async reserve(ip: string, account: AccountKey): Promise<LoginTry> {
    const held: Reservation[] = [];
    for (const scope of SCOPES) {
      const key = scope.key(ip, account);
      const tries = await this.cache.incr(triesKey(key), scope.window);
      if (tries <= scope.free || !scope.wait) {
        held.push({ scope, key, tries, holdsWait: false });
        continue;
      }
      if (await this.cache.setIfAbsent(waitKey(key), '1', scope.wait(tries - scope.free))) {
        held.push({ scope, key, tries, holdsWait: true });
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

const reservationOf = (held: Reservation[], scope: Scope) => held.find((reservation) => reservation.scope === scope)!;

/** A reserved try: settled once, by the password's verdict, or released when it ends without one. */
export class LoginTry {
  private settled = false;

  constructor(
    private readonly cache: Cache,
    private readonly held: Reservation[],
  ) {}

  /** The account is suspicious and this address has tried it before (and not logged in since). */
  get captchaRequired(): boolean {
    return reservationOf(this.held, ACCOUNT).tries > ACCOUNT.free && reservationOf(this.held, ADDRESS_ACCOUNT).tries > 1;
  }

  /** A wrong password: the counts stay, and each wait this try holds runs from now. */
  async failed(): Promise<void> {
    this.settled = true;
    await Promise.all(this.held.filter(({ holdsWait }) => holdsWait).map(({ scope, key, tries }) => this.cache.set(waitKey(key), '1', scope.wait!(tries - scope.free))));
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

  private async giveBack({ key, holdsWait }: Reservation): Promise<void> {
    await Promise.all([this.cache.decr(triesKey(key)), holdsWait ? this.cache.del(waitKey(key)) : undefined]);
  }
}
