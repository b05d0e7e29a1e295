// Accounts as the back office keeps them (contract §10.4, §10.12): made with the shop's field
// rules, listed without a password ever, staff edited. Sessions and memos stay UserService's.
import { hash } from '@node-rs/argon2';
import { emailRule } from '@meiduo/contract/email-rules';
import { mobileRule, passwordRule, usernameRule } from '@meiduo/contract/user-rules';
import { and, asc, eq, ilike, like, or, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { users } from '../../db/schema/users.js';
import { fail, FieldErrors } from '../../errors.js';
import { transaction, uniqueViolation, type Tx } from '../../infra/db.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { AuditTrail } from '../../audit.js';
import type { Actor } from '../../principal.js';
import { ARGON2, type UserService } from './service.js';

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

const ACCOUNT_ITEM = { id: users.id, username: users.username, mobile: users.mobile, email: users.email };

export class AccountService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly users: UserService,
    private readonly audit: AuditTrail,
  ) {}

  /** A shopper's account made by an administrator (contract §10.4), recorded in the audit trail. */
  addShopper(actor: Actor, account: AccountInput & { password: string }): Promise<AccountItem> {
    return transaction(this.context.db, async (tx) => {
      const created = await this.createAccount(account, tx);
      await this.audit.record(tx, actor, { action: 'users.add_user', resource: 'user', objectId: created.id, after: created });
      return created;
    });
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
        const created = await this.users.createUser(account, tx);
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
        this.users.changed(tx, userId);
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

  /** One staff account as the back office shows it; not_found for anyone else. */
  async getStaff(userId: number): Promise<AccountItem> {
    const [row] = await this.context.db.select(ACCOUNT_ITEM).from(users).where(and(eq(users.id, userId), eq(users.isStaff, true)));
    if (!row) throw fail('not_found');
    return row;
  }
}
