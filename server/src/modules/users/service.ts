// Users: registration, login, profile (contract §3.1–§3.5). Business rules only, no HTTP.
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gte, ilike, inArray, like, or, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { users, type User } from '../../db/schema/users.js';
import { Batcher } from '../../infra/batcher.js';
import { Memo } from '../../infra/cache/index.js';
import { rowsOf, transaction, uniqueViolation, type Tx } from '../../infra/db.js';
import type { Registered, Registration, Session } from '@meiduo/contract/users';
import type { AdminSession } from '@meiduo/contract/admin-users';
import { isMobile, mobileRule, passwordRule, usernameRule } from '@meiduo/contract/user-rules';
import { fail, FieldErrors } from '../../errors.js';
import type { CaptchaAnswer, VerificationService } from '../verifications/service.js';
import { accountKey, LoginThrottle } from './login-throttle.js';
import { emailRule } from '@meiduo/contract/email-rules';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { AuthenticatedUser } from '../../principal.js';

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimum parameters for it.
export const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** An account's fields the back office writes. */
export interface AccountInput {
  username: string;
  mobile: string;
  email?: string;
}

/** An account as the back office's lists show it: never a password. */
export interface AccountItem {
  id: number;
  username: string;
  mobile: string;
  email: string;
}

/** What a login accepts beyond the password (the shop's and the back office's differ). */
interface LoginRules {
  captcha?: CaptchaAnswer;
  /** The account a login names (default: a username or a mobile). */
  find?: (account: string) => Promise<User | undefined>;
  /** After the password is right: may refuse with an error of its own. */
  afterPassword?: (user: User) => void;
  /** False: the same answer as a wrong password. */
  eligible?: (user: User) => boolean;
}

const ACCOUNT_ITEM = { id: users.id, username: users.username, mobile: users.mobile, email: users.email };

export class UserService {
  /** Verified against when the account does not exist, so a miss costs as long as a hit. */
  private readonly decoyHash: Promise<string>;
  // The availability checks and the JWT user lookup are the hot reads of this module; the
  // memos are invalidated by every change to what they hold (here: registration).
  private readonly counts: Memo<number>;
  private readonly activeUsers: Memo<AuthenticatedUser | undefined>;
  /** Memo misses arriving together (a burst of new sessions: a sale opening) are one query. */
  private readonly userReads = new Batcher<number, AuthenticatedUser | null>((ids) => this.loadAuthenticated(ids));
  private readonly throttle: LoginThrottle;

  private constructor(
    private readonly context: Pick<Context, 'db' | 'cache' | 'tokens'>,
    private readonly verifications: VerificationService,
  ) {
    this.decoyHash = hash('decoy password for timing', ARGON2);
    this.counts = new Memo(context.cache, 'user-counts', { ttl: 60 });
    this.activeUsers = new Memo(context.cache, 'active-users', { ttl: 30 });
    this.throttle = new LoginThrottle(context.cache);
  }

  static async create(context: Pick<Context, 'db' | 'cache' | 'tokens'>, verifications: VerificationService): Promise<UserService> {
    const service = new UserService(context, verifications);
    await Promise.all([service.counts.listen(), service.activeUsers.listen()]);
    return service;
  }

  async countByUsername(username: string): Promise<number> {
    return this.counts.get(`username:${username}`, () => this.count(eq(users.username, username)));
  }

  async countByMobile(mobile: string): Promise<number> {
    return this.counts.get(`mobile:${mobile}`, () => this.count(eq(users.mobile, mobile)));
  }

  private async count(where: ReturnType<typeof eq>): Promise<number> {
    const [row] = await this.context.db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
    return row?.n ?? 0;
  }

  async findActive(id: number): Promise<AuthenticatedUser | undefined> {
    return this.activeUsers.get(String(id), async () => (await this.userReads.submit(id)) ?? undefined);
  }

  private async loadAuthenticated(ids: number[]): Promise<(AuthenticatedUser | null)[]> {
    const rows = await this.context.db
      .select({
        id: users.id,
        username: users.username,
        email: users.email,
        mobile: users.mobile,
        emailActive: users.emailActive,
        isActive: users.isActive,
        isStaff: users.isStaff,
        isSuperuser: users.isSuperuser,
        password: users.password,
      })
      .from(users)
      .where(inArray(users.id, [...new Set(ids)]));
    const byId = new Map(rows.map(({ password, ...user }) => [user.id, { ...user, passwordStamp: this.context.tokens.passwordStamp(password) }]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private sessionOf(user: Pick<User, 'id' | 'username' | 'email' | 'password'>): Session {
    const pwd = this.context.tokens.passwordStamp(user.password);
    return {
      token: this.context.tokens.sign({ user_id: user.id, username: user.username, email: user.email, pwd }),
      user_id: user.id,
      username: user.username,
    };
  }

  /** The account a username or a mobile names (login, password reset). */
  async findAccount(account: string): Promise<User | undefined> {
    const [user] = await this.context.db
      .select()
      .from(users)
      .where(isMobile(account) ? eq(users.mobile, account) : eq(users.username, account));
    return user;
  }

  async checkPassword(userId: number, password: string): Promise<boolean> {
    const [user] = await this.context.db.select({ password: users.password }).from(users).where(eq(users.id, userId));
    return user ? verify(user.password, password).catch(() => false) : false;
  }

  /** Sets a new password; every token issued before stops working at once, in every process. */
  async setPassword(userId: number, password: string, outer?: Tx): Promise<boolean> {
    const passwordHash = await hash(password, ARGON2);
    return transaction(
      this.context.db,
      async (tx) => {
        const updated = await tx.db.update(users).set({ password: passwordHash }).where(eq(users.id, userId)).returning({ id: users.id });
        tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
        return updated.length > 0;
      },
      outer,
    );
  }

  /**
   * Saves the account's e-mail. Another address is unverified until its link is opened; the
   * same address keeps its flag. One statement: SET reads the row as it was before the update.
   */
  async setEmail(userId: number, email: string, outer?: Tx): Promise<Pick<User, 'id' | 'username' | 'email'> | undefined> {
    return transaction(
      this.context.db,
      async (tx) => {
        const [row] = await tx.db
          .update(users)
          .set({ email, emailActive: sql`${users.emailActive} AND ${users.email} = ${email}` })
          .where(eq(users.id, userId))
          .returning({ id: users.id, username: users.username, email: users.email });
        tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
        return row;
      },
      outer,
    );
  }

  /** Marks the e-mail verified, if the account still has this address; false if it has not. */
  async activateEmail(userId: number, email: string, outer?: Tx): Promise<boolean> {
    return transaction(
      this.context.db,
      async (tx) => {
        const updated = await tx.db
          .update(users)
          .set({ emailActive: true })
          .where(and(eq(users.id, userId), eq(users.email, email)))
          .returning({ id: users.id });
        if (updated.length) tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
        return updated.length > 0;
      },
      outer,
    );
  }

  /** Field rules first (every failing field reported), then the object rules, then the insert. */
  async register(input: Registration): Promise<Registered> {
    const { username, password, mobile } = input;
    const invalid = new FieldErrors()
      .add(usernameRule(username) ?? ((await this.countByUsername(username)) ? 'user.username_taken' : undefined))
      .add(passwordRule(password))
      .add(mobileRule(mobile) ?? ((await this.countByMobile(mobile)) ? 'user.mobile_taken' : undefined))
      .add(input.allow === 'true' ? undefined : 'user.allow_required');
    invalid.throwIfAny();

    if (password !== input.password2) throw fail('user.passwords_differ');
    await this.verifications.checkSmsCode(mobile, input.sms_code);
    const created = await this.createUser({ username, mobile, password });
    await this.verifications.consumeSmsCode(mobile);
    return { id: created.id, username: created.username, mobile: created.mobile, token: this.sessionOf(created).token };
  }

  /**
   * Inserts an account whose fields have passed the rules (registration, QQ binding). A lost
   * race for the username or mobile is the contract's E1; the availability memos are dropped
   * once the account is committed.
   */
  async createUser(account: { username: string; mobile: string; password: string }, outer?: Tx): Promise<User> {
    const passwordHash = await hash(account.password, ARGON2);
    return transaction(
      this.context.db,
      async (tx) => {
        const [row] = (await tx.db
          .insert(users)
          .values({ username: account.username, mobile: account.mobile, password: passwordHash, lastLogin: new Date() })
          .returning()
          .catch((error: unknown) => {
            const constraint = uniqueViolation(error);
            if (constraint === undefined) throw error;
            throw fail(constraint.includes('mobile') ? 'user.mobile_taken' : 'user.username_taken');
          })) as [User];
        tx.afterCommit(() => this.counts.invalidate(`username:${account.username}`));
        tx.afterCommit(() => this.counts.invalidate(`mobile:${account.mobile}`));
        return row;
      },
      outer,
    );
  }

  /**
   * An account made in the back office (contract §10.4, §10.12), or a staff account for
   * `npm run createsuperuser` and the tests: the shop's field rules (every failing field
   * reported), an e-mail that may be blank; no login is recorded.
   */
  async createAccount(account: AccountInput & { password: string; isStaff?: boolean; superuser?: boolean }, outer?: Tx): Promise<AccountItem> {
    await this.checkAccount(account, undefined, outer);
    const email = account.email ?? '';
    return transaction(
      this.context.db,
      async (tx) => {
        const created = await this.createUser(account, tx);
        const [row] = await tx.db
          .update(users)
          .set({ isStaff: account.isStaff ?? false, isSuperuser: account.superuser ?? false, email, lastLogin: null })
          .where(eq(users.id, created.id))
          .returning(ACCOUNT_ITEM);
        return row!;
      },
      outer,
    );
  }

  /** A staff account (`npm run createsuperuser`, tests). */
  createStaff(account: AccountInput & { password: string; superuser?: boolean }, outer?: Tx): Promise<AccountItem> {
    return this.createAccount({ ...account, isStaff: true }, outer);
  }

  /**
   * Edits a staff account (contract §10.12). A password absent or blank stays as it is (the
   * original app never sends the old one); a new one revokes the account's tokens at once.
   */
  async updateStaff(userId: number, account: AccountInput & { password?: string }, outer?: Tx): Promise<AccountItem> {
    const password = account.password || undefined;
    await this.checkAccount({ ...account, password }, userId, outer);
    const passwordHash = password === undefined ? undefined : await hash(password, ARGON2);
    return transaction(
      this.context.db,
      async (tx) => {
        const [row] = await tx.db
          .update(users)
          .set({ username: account.username, mobile: account.mobile, email: account.email ?? '', ...(passwordHash ? { password: passwordHash } : {}) })
          .where(and(eq(users.id, userId), eq(users.isStaff, true)))
          .returning(ACCOUNT_ITEM)
          .catch((error: unknown) => {
            const constraint = uniqueViolation(error);
            if (constraint === undefined) throw error;
            throw fail(constraint.includes('mobile') ? 'user.mobile_taken' : 'user.username_taken');
          });
        if (!row) throw fail('not_found');
        tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
        tx.afterCommit(() => this.counts.invalidateAll());
        return row;
      },
      outer,
    );
  }

  /** The rules of an account's fields; a name or mobile taken by another account (not `self`) is E1. */
  private async checkAccount(account: AccountInput & { password?: string }, self: number | undefined, outer?: Tx): Promise<void> {
    // Inside the caller's transaction: PGlite has one connection, which that transaction holds.
    const db = outer?.db ?? this.context.db;
    const takenBy = async (column: typeof users.username | typeof users.mobile, value: string) => {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(column, value));
      return row !== undefined && row.id !== self;
    };
    const email = account.email ?? '';
    new FieldErrors()
      .add(usernameRule(account.username) ?? ((await takenBy(users.username, account.username)) ? 'user.username_taken' : undefined))
      .add(account.password === undefined ? undefined : passwordRule(account.password))
      .add(mobileRule(account.mobile) ?? ((await takenBy(users.mobile, account.mobile)) ? 'user.mobile_taken' : undefined))
      .add(email === '' ? undefined : emailRule(email))
      .throwIfAny();
  }

  /** The back office's user lists (contract §10.4, §10.12): keyword in the username, or a mobile's start. */
  async listAccounts(at: PageRequest, filter: { keyword?: string; staff?: boolean }): Promise<{ count: number; rows: AccountItem[] }> {
    const keyword = filter.keyword?.trim();
    const pattern = keyword ? keyword.replace(/[\\%_]/g, '\\$&') : undefined;
    const where = and(
      filter.staff ? eq(users.isStaff, true) : undefined,
      pattern === undefined ? undefined : or(ilike(users.username, `%${pattern}%`), like(users.mobile, `${pattern}%`)),
    );
    const { db } = this.context;
    const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
    const count = total?.n ?? 0;
    assertOnPage(at, count);
    const rows = await db.select(ACCOUNT_ITEM).from(users).where(where).orderBy(asc(users.id)).limit(at.size).offset(at.offset);
    return { count, rows };
  }

  // The dashboard's counters (contract §10.3) count shoppers only: staff accounts are the shop's
  // own people, and a back office login (which sets last_login) is not customer activity.
  /** Shoppers joined since `since` (all of them without it). */
  async countShoppersJoined(since?: Date): Promise<number> {
    const [row] = await this.context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.isStaff, false), since ? gte(users.dateJoined, since) : undefined));
    return row?.n ?? 0;
  }

  /** Shoppers whose last login is at or after `since`. */
  async countShoppersActive(since: Date): Promise<number> {
    const [row] = await this.context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.isStaff, false), gte(users.lastLogin, since)));
    return row?.n ?? 0;
  }

  /** Shoppers joined on each Asia/Shanghai day of the `days` ending `today` ("YYYY-MM-DD"), oldest first, empty days as 0. */
  async shoppersJoinedPerDay(today: string, days: number): Promise<{ date: string; count: number }[]> {
    // A day's bounds are its local midnights, so the date_joined index serves the join.
    const rows = await rowsOf<{ date: string; count: number }>(this.context.db, sql`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date, count(u.id)::int AS count
      FROM generate_series((${today}::date - ${days - 1}::int)::timestamp, ${today}::date::timestamp, interval '1 day') AS d(day)
      LEFT JOIN ${users} u ON u.is_staff = false
        AND u.date_joined >= (d.day AT TIME ZONE 'Asia/Shanghai')
        AND u.date_joined < ((d.day + interval '1 day') AT TIME ZONE 'Asia/Shanghai')
      GROUP BY d.day ORDER BY d.day`);
    return rows.map((row) => ({ date: row.date, count: Number(row.count) }));
  }

  /** One staff account as the back office shows it; not_found for anyone else. */
  async getStaff(userId: number): Promise<AccountItem> {
    const [row] = await this.context.db.select(ACCOUNT_ITEM).from(users).where(and(eq(users.id, userId), eq(users.isStaff, true)));
    if (!row) throw fail('not_found');
    return row;
  }

  /**
   * Grants or withdraws staff status, or (de)activates an account. Takes effect at once for every
   * token of the account, in every process: the JWT check reads the memo dropped here.
   */
  async setAccess(userId: number, access: { isStaff?: boolean; isActive?: boolean }, outer?: Tx): Promise<boolean> {
    return transaction(
      this.context.db,
      async (tx) => {
        const updated = await tx.db.update(users).set(access).where(eq(users.id, userId)).returning({ id: users.id });
        tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
        return updated.length > 0;
      },
      outer,
    );
  }

  /** A session (JWT) for an account that has just proven itself, e.g. through QQ. */
  async sessionFor(userId: number): Promise<Session | undefined> {
    const [user] = await this.context.db.select().from(users).where(eq(users.id, userId));
    if (!user?.isActive) return undefined;
    await this.context.db.update(users).set({ lastLogin: new Date() }).where(eq(users.id, userId));
    return this.sessionOf(user);
  }

  /**
   * Username or mobile + password → JWT; updates last_login. The account is looked up first, so
   * that both of its names share the throttle's count; the try is reserved before the password is
   * verified, and settled by the verdict; a captcha is checked only when the throttle asks for one
   * (it is ignored otherwise).
   */
  async login(account: string, password: string, clientIp: string, captcha?: CaptchaAnswer): Promise<Session> {
    const user = await this.authenticate(account, password, clientIp, {
      captcha,
      afterPassword: (found) => {
        if (!found.isActive) throw fail('user.disabled');
      },
    });
    return this.sessionOf(user);
  }

  /**
   * The back office's login (contract §10.2): a username only, and only an active staff account;
   * anything else is the same 400 as a wrong password, so the answer tells no one who is staff.
   * Same throttle (and counts) as the shop's login: switching doors buys a guesser nothing.
   * Older admin tokens stay valid (the original app keeps sending a stale one until reloaded).
   */
  async adminLogin(username: string, password: string, clientIp: string): Promise<AdminSession> {
    const user = await this.authenticate(username, password, clientIp, {
      // As the original's admin login: the username only, never a mobile number.
      find: async (name) => (await this.context.db.select().from(users).where(eq(users.username, name)))[0],
      eligible: (found) => found.isStaff && found.isActive,
    });
    const { tokens } = this.context;
    const pwd = tokens.passwordStamp(user.password);
    return { token: tokens.signAdmin({ user_id: user.id, username: user.username, email: user.email, pwd }), id: user.id, username: user.username };
  }

  /** The password check both logins share; an account not `eligible` counts as a failed try. */
  private async authenticate(account: string, password: string, clientIp: string, rules: LoginRules): Promise<User> {
    const { captcha, afterPassword, eligible = () => true, find = (name: string) => this.findAccount(name) } = rules;
    const user = await find(account);
    const attempt = await this.throttle.reserve(clientIp, accountKey(user, account));
    try {
      if (attempt.captchaRequired) {
        if (!captcha) throw fail('user.captcha_required');
        await this.verifications.checkCaptcha(captcha);
      }
      const passwordOk = await verify(user?.password ?? (await this.decoyHash), password).catch(() => false);
      if (!user || !passwordOk || !eligible(user)) {
        await attempt.failed();
        throw fail('user.bad_credentials');
      }
      afterPassword?.(user);
      await Promise.all([attempt.succeeded(), this.context.db.update(users).set({ lastLogin: new Date() }).where(eq(users.id, user.id))]);
      return user;
    } finally {
      await attempt.release();
    }
  }
}
