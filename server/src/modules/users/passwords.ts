// Passwords: change while logged in (contract §3.11) and the four-step reset by SMS (§3.10,
// §2.3): account + captcha → SMS to its mobile → code → new password, with a signed, short-lived,
// single-use token between the steps, and the checking steps rate limited per address. No cap per
// account: strangers could then block the owner's reset, and guessing is bounded without one
// (step 1 spends a captcha per try; an SMS code dies after 5 tries, and a new one needs step 1
// and the SMS throttles: the resend wait and the daily cap per mobile).
import type { PasswordChange, PasswordReset, ResetPasswordToken, ResetSmsToken } from '@meiduo/contract/passwords';
import { passwordRule } from '@meiduo/contract/user-rules';
import type { Context } from '../../context.js';
import { DomainError, fail, FieldErrors, type ErrorCode } from '../../errors.js';
import { SignedTokens } from '../../signed-tokens.js';
import type { CaptchaAnswer, VerificationService } from '../verifications/service.js';
import type { UserService } from './service.js';

const RESET_TOKEN_SECONDS = 300;
/** Tries of each of the reset's checking steps one address gets per hour. */
const RESET_TRIES_PER_ADDRESS = 20;

const maskMobile = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

/** Rethrows a domain error under another code (the same situation, in this flow's words). */
function renamed(error: unknown, codes: Partial<Record<ErrorCode, ErrorCode>>): never {
  const code = error instanceof DomainError ? codes[error.code] : undefined;
  throw code ? fail(code) : error;
}

export class PasswordService {
  private readonly signed: SignedTokens;

  constructor(
    private readonly context: Pick<Context, 'cache' | 'config'>,
    private readonly users: UserService,
    private readonly verifications: VerificationService,
  ) {
    this.signed = new SignedTokens(context.config.jwtSecret, context.cache);
  }

  /** §3.11: the caller's own password, the old one proven. */
  async change(callerId: number, userId: number, input: PasswordChange): Promise<void> {
    if (callerId !== userId) throw fail('permission_denied');
    new FieldErrors().add(passwordRule(input.password)).throwIfAny();
    if (input.password !== input.password2) throw fail('user.passwords_differ');
    if (!(await this.users.checkPassword(userId, input.old_password))) throw fail('user.old_password_wrong');
    await this.users.setPassword(userId, input.password);
  }

  /** Counts a try of a checking step from this address; past the hour's allowance, 429 until the hour is over. */
  private async countTry(step: string, clientIp: string): Promise<void> {
    const { cache } = this.context;
    const key = `reset_${step}_ip:${clientIp}`;
    if ((await cache.incr(key, 3600)) > RESET_TRIES_PER_ADDRESS) {
      const seconds = Math.max(1, await cache.ttl(key));
      throw fail('reset.throttled', { params: { seconds: String(seconds) } }, { retryAfter: seconds });
    }
  }

  /** Step 1: the captcha, then the account → its masked mobile and the token that sends the SMS. */
  async startReset(account: string, captcha: CaptchaAnswer, clientIp: string): Promise<ResetSmsToken> {
    await this.countTry('account', clientIp);
    await this.verifications.checkCaptcha(captcha);
    const user = await this.users.findAccount(account);
    if (!user) throw fail('reset.user_missing');
    return { mobile: maskMobile(user.mobile), access_token: this.signed.sign('reset_sms', { mobile: user.mobile }, RESET_TOKEN_SECONDS) };
  }

  /** Step 2 (§2.3): an SMS code to the mobile inside the token, under §2.2's throttles. */
  async sendResetSms(accessToken: string | undefined, clientIp: string): Promise<void> {
    if (!accessToken) throw fail('reset.access_token_missing');
    const claims = this.signed.verify<{ mobile: string }>('reset_sms', accessToken);
    if (!claims) throw fail('reset.access_token_invalid');
    await this.verifications.sendSmsCode(claims.mobile, clientIp).catch((error: unknown) => renamed(error, { 'sms.too_frequent': 'reset.sms_too_frequent' }));
  }

  /** Step 3: the account's live SMS code → the token that sets the password. The code is used up. */
  async checkResetCode(account: string, smsCode: string, clientIp: string): Promise<ResetPasswordToken> {
    await this.countTry('code', clientIp);
    const user = await this.users.findAccount(account);
    if (!user) throw fail('reset.sms_user_missing');
    await this.verifications
      .checkSmsCode(user.mobile, smsCode)
      .catch((error: unknown) => renamed(error, { 'sms.code_invalid': 'reset.sms_code_invalid', 'sms.code_wrong': 'reset.sms_code_wrong' }));
    // Right codes racing each other get one token between them.
    if (!(await this.verifications.consumeSmsCode(user.mobile))) throw fail('reset.sms_code_invalid');
    return { user_id: user.id, access_token: this.signed.sign('reset_password', { user_id: user.id }, RESET_TOKEN_SECONDS) };
  }

  /** Step 4: the new password, once per token, for the user the token names. */
  async finishReset(userId: number, input: PasswordReset): Promise<void> {
    new FieldErrors().add(passwordRule(input.password)).throwIfAny();
    if (input.password !== input.password2) throw fail('user.passwords_differ');
    // Checked before it is used up: a token sent to the wrong user's URL stays good for its own.
    if (this.signed.verify<{ user_id: number }>('reset_password', input.access_token)?.user_id !== userId) throw fail('reset.token_invalid');
    if (!(await this.signed.consume('reset_password', input.access_token))) throw fail('reset.token_invalid');
    if (!(await this.users.setPassword(userId, input.password))) throw fail('not_found');
  }
}
