/**
 * Client-side form rules of the shop. They mirror the server's rules (contract §3.1–3.4)
 * so that most mistakes are reported on blur, before any request; the server stays the
 * authority and its answers are shown as well.
 * Each check returns the message to show, or '' when the value is fine.
 */

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{5,20}$/;
// The server's pattern (contract §13.5), not the stricter one of some original pages.
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 20;

export function checkUsername(username: string): string {
  if (!username) return '请输入用户名';
  return USERNAME_PATTERN.test(username) ? '' : '请输入5-20个字符的用户名（字母、数字或下划线）';
}

export function checkPassword(password: string): string {
  if (!password) return '请输入密码';
  return password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX ? '' : '请输入8-20位的密码';
}

export function checkPassword2(password: string, password2: string): string {
  if (!password2) return '请再次输入密码';
  return password === password2 ? '' : '两次输入的密码不一致';
}

export function checkMobile(mobile: string): string {
  if (!mobile) return '请输入手机号';
  return MOBILE_PATTERN.test(mobile) ? '' : '您输入的手机号格式不正确';
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
