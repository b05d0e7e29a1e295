// QQ login (contract §4): the authorize URL with a signed state carrying `next`; the code
// exchange that logs a bound QQ account in or hands out a binding token; the binding to an
// existing account (mobile + its password + SMS) or to a new one.
import type { QqBinding, QqBound, QqCallback } from '@meiduo/contract/oauth';
import { mobileRule, passwordRule } from '@meiduo/contract/user-rules';
import { eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { qqUsers } from '../../db/schema/index.js';
import { fail, FieldErrors } from '../../errors.js';
import { transaction, uniqueViolation } from '../../infra/db.js';
import { SignedTokens } from '../../signed-tokens.js';
import type { UserService } from '../users/service.js';
import type { VerificationService } from '../verifications/service.js';
import { QqApiError, QqClient } from './qq-client.js';

const STATE_SECONDS = 600;
const BIND_SECONDS = 600;

/** Only a path on the shop itself: `//host` or `/\host` would leave it. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

export class OAuthService {
  private readonly qq: QqClient;
  private readonly signed: SignedTokens;

  constructor(
    private readonly context: Pick<Context, 'db' | 'cache' | 'config' | 'logger'>,
    private readonly users: UserService,
    private readonly verifications: VerificationService,
  ) {
    this.qq = new QqClient(context.config.qq);
    this.signed = new SignedTokens(context.config.jwtSecret, context.cache);
  }

  private requireConfigured(): void {
    if (!this.qq.configured) throw fail('qq.not_configured');
  }

  /** §4.1: where to send the browser; the state is signed, so `next` cannot be swapped on the way. */
  loginUrl(next: string | undefined): string {
    this.requireConfigured();
    return this.qq.authorizeUrl(this.signed.sign('qq_state', { next: safeNext(next) }, STATE_SECONDS));
  }

  /** §4.2: a bound QQ account gets a session; an unbound one a token for the binding form. */
  async callback(code: string | undefined, state: string | undefined): Promise<QqCallback> {
    if (!code) throw fail('qq.code_missing');
    this.requireConfigured();
    // An old page sends no state (then `/`); a state that fails its signature is not followed.
    const next = safeNext(this.signed.verify<{ next: string }>('qq_state', state)?.next);
    let openid: string;
    try {
      openid = await this.qq.openidFor(code);
    } catch (error) {
      if (!(error instanceof QqApiError)) throw error;
      this.context.logger.warn({ err: error }, 'QQ login: the QQ API failed');
      throw fail('qq.unavailable');
    }
    const [bound] = await this.context.db.select({ userId: qqUsers.userId }).from(qqUsers).where(eq(qqUsers.openid, openid));
    const session = bound && (await this.users.sessionFor(bound.userId));
    if (session) return { ...session, next };
    return { access_token: this.signed.sign('qq_bind', { openid }, BIND_SECONDS), next };
  }

  /**
   * §4.3: binds the token's openid to the account of this mobile (its password proven) or to a
   * new account, all in one transaction; the SMS code is used up, and so is the binding token.
   */
  async bind(input: QqBinding): Promise<QqBound> {
    new FieldErrors().add(mobileRule(input.mobile)).add(passwordRule(input.password)).throwIfAny();
    const claims = this.signed.verify<{ openid: string }>('qq_bind', input.access_token);
    if (!claims) throw fail('qq.token_invalid');
    await this.verifications.checkSmsCode(input.mobile, input.sms_code);
    const existing = await this.users.findAccount(input.mobile);
    if (existing && !(await this.users.checkPassword(existing.id, input.password))) throw fail('qq.password_wrong');
    if (!(await this.signed.consume('qq_bind', input.access_token))) throw fail('qq.token_invalid');
    const user = await transaction(this.context.db, async (tx) => {
      // A new account is named after its mobile, as the original did, behind a prefix: an
      // all-digit username could be taken for someone's mobile at login.
      const account = existing ?? (await this.users.createUser({ username: `qq_${input.mobile}`, mobile: input.mobile, password: input.password }, tx));
      await tx.db
        .insert(qqUsers)
        .values({ userId: account.id, openid: claims.openid })
        .catch((error: unknown) => {
          if (uniqueViolation(error) === undefined) throw error;
          throw fail('qq.already_bound');
        });
      return account;
    });
    await this.verifications.consumeSmsCode(input.mobile);
    const session = await this.users.sessionFor(user.id);
    if (!session) throw fail('user.disabled');
    return { id: user.id, user_id: user.id, username: user.username, mobile: user.mobile, token: session.token };
  }
}
