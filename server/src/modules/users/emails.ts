// The account's e-mail (contract §3.6, §3.7): saving it queues a mail with a signed link, valid
// for 24 h and once; opening the link marks the address verified if the account still has it.
import { emailRule } from '@meiduo/contract/email-rules';
import type { EmailInput, EmailSet } from '@meiduo/contract/emails';
import type { Context } from '../../context.js';
import { fail, FieldErrors } from '../../errors.js';
import { transaction } from '../../infra/db.js';
import type { MailMessage } from '../../infra/mail.js';
import { SignedTokens } from '../../signed-tokens.js';
import type { UserService } from './service.js';

/** The contract's lifetime of a verification link (some copies used 2 h). */
export const EMAIL_TOKEN_SECONDS = 24 * 3600;
const PURPOSE = 'verify_email';

/** What the `send_verify_email` task carries (contract §1.9, with the username to greet). */
export interface VerifyEmail {
  username: string;
  to_email: string;
  verify_url: string;
}

export class EmailService {
  private readonly signed: SignedTokens;

  constructor(
    private readonly context: Pick<Context, 'db' | 'cache' | 'config' | 'queue'>,
    private readonly users: UserService,
  ) {
    this.signed = new SignedTokens(context.config.jwtSecret, context.cache);
  }

  /** §3.6: saves the address and, once that has committed, queues the mail with its link. */
  async setEmail(userId: number, input: EmailInput): Promise<EmailSet> {
    // DRF trims a CharField before its validators run.
    const email = input.email.trim();
    new FieldErrors().add(emailRule(email)).throwIfAny();
    return transaction(this.context.db, async (tx) => {
      const user = await this.users.setEmail(userId, email, tx);
      if (!user) throw fail('not_found');
      const token = this.signed.sign(PURPOSE, { user_id: user.id, email }, EMAIL_TOKEN_SECONDS);
      const mail: VerifyEmail = {
        username: user.username,
        to_email: email,
        verify_url: `${this.context.config.webUrl}/success_verify_email.html?token=${encodeURIComponent(token)}`,
      };
      tx.afterCommit(() => this.context.queue.enqueue('send_verify_email', mail));
      return { id: user.id, email };
    });
  }

  /**
   * §3.7: a good link, used for the first time, for the address the account has now. The token
   * is used up before the update, so two clicks racing verify once and the second is refused.
   */
  async verify(token: string | undefined): Promise<void> {
    if (!token) throw fail('email.token_missing');
    const claims = await this.signed.consume<{ user_id: number; email: string }>(PURPOSE, token);
    if (typeof claims?.user_id !== 'number' || typeof claims.email !== 'string') throw fail('email.token_invalid');
    if (!(await this.users.activateEmail(claims.user_id, claims.email))) throw fail('email.token_invalid');
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** The verification mail: a greeting, the address, and the link, as text and as HTML. */
export function verifyEmailMessage({ username, to_email, verify_url }: VerifyEmail): MailMessage {
  const hours = EMAIL_TOKEN_SECONDS / 3600;
  const [name, address, url] = [username, to_email, verify_url].map(escapeHtml);
  return {
    to: to_email,
    subject: '美多商城邮箱验证',
    text: [
      `尊敬的用户 ${username}，您好！`,
      '',
      `感谢您使用美多商城。您的邮箱为 ${to_email}，请打开下面的链接激活您的邮箱（${hours} 小时内有效，仅可使用一次）：`,
      verify_url,
      '',
      '如果这不是您的操作，请忽略本邮件。',
    ].join('\n'),
    html:
      `<p>尊敬的用户 ${name}，您好！</p>` +
      `<p>感谢您使用美多商城。</p>` +
      `<p>您的邮箱为 ${address}，请点击此链接激活您的邮箱（${hours} 小时内有效，仅可使用一次）：</p>` +
      `<p><a href="${url}">${url}</a></p>` +
      `<p>如果这不是您的操作，请忽略本邮件。</p>`,
  };
}
