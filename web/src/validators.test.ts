import { describe, expect, it } from 'vitest';
import { checkMobile, checkPassword, checkPassword2, checkUsername, safeNextPath } from './validators';

describe('registration rules', () => {
  it('accepts 5–20 letters, digits or underscores as a username', () => {
    expect(checkUsername('user_01')).toBe('');
    expect(checkUsername('abcd')).not.toBe('');
    expect(checkUsername('a'.repeat(21))).not.toBe('');
    expect(checkUsername('user-01')).not.toBe('');
  });

  it('wants 8–20 characters of password and two equal copies', () => {
    expect(checkPassword('12345678')).toBe('');
    expect(checkPassword('1234567')).toBe('请输入8-20位的密码');
    expect(checkPassword2('12345678', '12345679')).toBe('两次输入的密码不一致');
    expect(checkPassword2('12345678', '12345678')).toBe('');
  });

  it('uses the server mobile pattern', () => {
    expect(checkMobile('13800138000')).toBe('');
    expect(checkMobile('19900000000')).toBe('');
    expect(checkMobile('12800138000')).toBe('您输入的手机号格式不正确');
    expect(checkMobile('1380013800')).toBe('您输入的手机号格式不正确');
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
