// Field rules of the user module (contract §3.3), shared by the routes' schemas and the service.
export const MOBILE_PATTERN = '^1[3-9]\\d{9}$';
export const MOBILE = new RegExp(MOBILE_PATTERN);
/** The availability URL's `\w{5,20}` (Python's \w is Unicode-aware; so is this). */
export const USERNAME_URL_PATTERN = '^[\\p{L}\\p{N}_]{5,20}$';
/** Django's username validator: letters, digits and @ . + - _ */
export const USERNAME_CHARS = /^[\p{L}\p{N}_.@+-]+$/u;
export const ALL_DIGITS = /^\d+$/;

export const messages = {
  usernameLength: '仅允许5-20个字符的用户名',
  usernameChars: '请输入合法的用户名。只能包含字母、数字和@/./+/-/_ 字符。',
  // A username made of digits could be taken for someone's mobile number at login.
  usernameDigits: '用户名不能为纯数字',
  usernameTaken: '已存在一位使用该名字的用户。',
  passwordLength: '仅允许8-20个字符的密码',
  mobileFormat: '手机号格式错误',
  mobileTaken: '具有 手机号 的 用户 已存在。',
  allow: '请同意用户协议',
} as const;
