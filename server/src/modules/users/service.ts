// Users: registration, login, profile (contract §3.1–§3.5). Business rules only, no HTTP.
import { hash, verify } from '@node-rs/argon2';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { users, type User } from '../../db/schema/users.js';
import { Batcher } from '../../infra/batcher.js';
import { Memo } from '../../infra/cache/index.js';
import { transaction, uniqueViolation, type Tx } from '../../infra/db.js';
import type { Registered, Registration, Session } from '@meiduo/contract/users';
import type { AdminSession } from '@meiduo/contract/admin-users';
import { isMobile, mobileRule, passwordRule, usernameRule } from '@meiduo/contract/user-rules';
import { fail, FieldErrors } from '../../errors.js';
import type { CaptchaAnswer, VerificationService } from '../verifications/service.js';
import { accountKey, LoginThrottle } from './login-throttle.js';
import type { AuthenticatedUser } from '../../principal.js';

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimum parameters for it.
export const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

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

/** The memo key of the shopper total (the name and mobile counts are `username:` and `mobile:` keys). */
const SHOPPER_TOTAL = 'shoppers';

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
        tx.afterCommit(() => this.counts.invalidate(SHOPPER_TOTAL));
        return row;
      },
      outer,
    );
  }

  /**
   * The dashboard's total of shoppers, memoised: counting every account costs a scan of the whole
   * table. A new account or a change of staff status forgets it in every process.
   */
  shopperTotal(count: () => Promise<number>): Promise<number> {
    return this.counts.get(SHOPPER_TOTAL, count);
  }

  /** Once `tx` commits, every process forgets what it memoised of this account (its session, the name counts). */
  changed(tx: Tx, userId: number): void {
    tx.afterCommit(() => this.activeUsers.invalidate(String(userId)));
    tx.afterCommit(() => this.counts.invalidateAll());
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
        tx.afterCommit(() => this.counts.invalidate(SHOPPER_TOTAL));
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
