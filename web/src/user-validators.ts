/**
 * The user centre's form rules: the server's rules and texts (@meiduo/contract), as
 * validators.ts does for the account forms. Each check returns the message to show, or ''.
 */
import { telRule, emailRule as addressEmailRule } from '@meiduo/contract/address-rules';
import { emailRule } from '@meiduo/contract/email-rules';
import { ERRORS, type ErrorCode } from '@meiduo/contract/errors';

const say = (code: ErrorCode | undefined) => (code ? ERRORS[code].text : '');

/** The account's e-mail (required where it is asked for). */
export function checkEmail(email: string): string {
  return email ? say(emailRule(email)) : '请输入邮箱';
}

/** An address's optional landline. */
export function checkTel(tel: string): string {
  return say(telRule(tel));
}

/** An address's optional e-mail. */
export function checkAddressEmail(email: string): string {
  return say(addressEmailRule(email));
}

/** A field that must not be blank. */
export function checkFilled(value: string | number | null, message: string): string {
  return value === null || value === '' ? message : '';
}
