import { describe, expect, it } from 'vitest';
import { checkMobile, checkPassword, checkPassword2, checkUsername, safeNextPath } from './validators';

describe('registration rules (the server\'s own, with its texts)', () => {
  it('takes the usernames the server takes: Chinese too, never all digits', () => {
    expect(checkUsername('user_01')).toBe('');
    expect(checkUsername('美多商城用户')).toBe('');
    expect(checkUsername('a.b@c+d-e')).toBe('');
    expect(checkUsername('abcd')).toBe('仅允许5-20个字符的用户名');
    expect(checkUsername('a'.repeat(21))).toBe('仅允许5-20个字符的用户名');
    expect(checkUsername('bad name!')).toBe('请输入合法的用户名。只能包含字母、数字和@/./+/-/_ 字符。');
    expect(checkUsername('1234567')).toBe('用户名不能为纯数字');
    expect(checkUsername('')).toBe('请输入用户名');
  });

  it('wants 8–20 characters of password and two equal copies', () => {
    expect(checkPassword('12345678')).toBe('');
    expect(checkPassword('1234567')).toBe('仅允许8-20个字符的密码');
    expect(checkPassword2('12345678', '12345679')).toBe('两次输入的密码不一致');
    expect(checkPassword2('12345678', '12345678')).toBe('');
  });

  it('uses the server mobile pattern', () => {
    expect(checkMobile('13800138000')).toBe('');
    expect(checkMobile('19900000000')).toBe('');
    expect(checkMobile('12800138000')).toBe('手机号格式错误');
    expect(checkMobile('1380013800')).toBe('手机号格式错误');
  });
});

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/user_center_info.html')).toBe('/user_center_info.html');
    expect(safeNextPath(['/cart.html?x=1'])).toBe('/cart.html?x=1');
  });

  it('falls back for anything that could leave the site', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'http://evil.example', 'javascript:alert(1)', '', '/a\nb', undefined, null, 42]) {
      expect(safeNextPath(bad)).toBe('/index.html');
    }
  });
});
