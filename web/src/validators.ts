/**
 * Client-side form rules of the shop: the server's own rules and texts (@meiduo/contract), so
 * most mistakes are reported on blur, before any request, and the page can never accept what
 * the server refuses or the other way round. The server stays the authority.
 * Each check returns the message to show, or '' when the value is fine.
 */
import { ERRORS, type ErrorCode } from '@meiduo/contract/errors';
import { mobileRule, passwordRule, usernameRule } from '@meiduo/contract/user-rules';

const say = (code: ErrorCode | undefined) => (code ? ERRORS[code].text : '');

export function checkUsername(username: string): string {
  return username ? say(usernameRule(username)) : '请输入用户名';
}

export function checkPassword(password: string): string {
  return password ? say(passwordRule(password)) : '请输入密码';
}

export function checkPassword2(password: string, password2: string): string {
  if (!password2) return '请再次输入密码';
  return password === password2 ? '' : '两次输入的密码不一致';
}

export function checkMobile(mobile: string): string {
  return mobile ? say(mobileRule(mobile)) : '请输入手机号';
}

export function checkSmsCode(code: string): string {
  return code ? '' : '请输入短信验证码';
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  }
  return false;
}

/**
 * The page to return to after login. Only a path on this site is accepted: it must start
 * with a single "/" ("//host" and "/\host" are taken by browsers as another host), so a
 * crafted link cannot send a freshly logged-in user to a look-alike site.
 */
export function safeNextPath(next: unknown, fallback = '/index.html'): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.includes('\\') || hasControlCharacter(value)) return fallback;
  return value;
}
