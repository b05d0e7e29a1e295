// The account's e-mail rule (contract §3.6), one copy for the API and the pages (no imports but
// types, so the pages bundle it as is). The original page also had a stricter pattern of its own.
import type { ErrorCode } from './errors.js';

/** Longest address SMTP carries (RFC 5321's path limit, less the brackets); the column's size. */
export const EMAIL_MAX = 254;

// A dot-atom local part (no leading, trailing or doubled dots) and a host name of at least two
// labels ending in a letter TLD (or punycode), in ASCII, as DRF's EmailValidator takes them.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function isEmail(value: string): boolean {
  if (value.length > EMAIL_MAX) return false;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return (
    at > 0 &&
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TLD.test(labels[labels.length - 1]!)
  );
}

export function emailRule(email: string): ErrorCode | undefined {
  return isEmail(email) ? undefined : 'email.format';
}
