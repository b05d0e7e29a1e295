// The account field rules (contract §3.1–§3.4), one copy for the API and the pages, so a name
// the page accepts is a name the server accepts. No imports: the pages bundle this file as is.

export const USERNAME_MIN = 5;
export const USERNAME_MAX = 20;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 20;

export const MOBILE_PATTERN = '^1[3-9]\\d{9}$';
const MOBILE = new RegExp(MOBILE_PATTERN);
/** The availability URL's `\w{5,20}` (Python's \w is Unicode-aware; so is this). */
export const USERNAME_URL_PATTERN = '^[\\p{L}\\p{N}_]{5,20}$';
const USERNAME_URL = new RegExp(USERNAME_URL_PATTERN, 'u');
/** Django's username validator: letters (Chinese too), digits and @ . + - _ */
const USERNAME_CHARS = /^[\p{L}\p{N}_.@+-]+$/u;
const ALL_DIGITS = /^\d+$/;

/** Error codes of the catalogue (errors.ts) that these rules produce. */
export type UserRuleCode =
  | 'user.username_length'
  | 'user.username_chars'
  | 'user.username_digits'
  | 'user.password_length'
  | 'user.mobile_format';

export function isMobile(value: string): boolean {
  return MOBILE.test(value);
}

/** Whether the availability URL can be asked about this name (it takes \w only). */
export function usernameCheckable(username: string): boolean {
  return USERNAME_URL.test(username);
}

export function usernameRule(username: string): UserRuleCode | undefined {
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX) return 'user.username_length';
  if (!USERNAME_CHARS.test(username)) return 'user.username_chars';
  // A name made of digits could be taken for someone's mobile number at login.
  if (ALL_DIGITS.test(username)) return 'user.username_digits';
  return undefined;
}

export function passwordRule(password: string): UserRuleCode | undefined {
  return password.length < PASSWORD_MIN || password.length > PASSWORD_MAX ? 'user.password_length' : undefined;
}

export function mobileRule(mobile: string): UserRuleCode | undefined {
  return isMobile(mobile) ? undefined : 'user.mobile_format';
}
