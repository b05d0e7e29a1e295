// The address form's field rules, one copy for the API and the pages (no imports, so the
// pages bundle it as is). The mobile rule is the account's (user-rules.ts).
import type { ErrorCode } from './errors.js';

/** Live addresses one user may keep. */
export const ADDRESS_LIMIT = 20;

/** Optional, but a real address when given (DRF's EmailField, loosely). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** A landline: digits with an area code or extension, spaces, dashes, parentheses. */
const TEL = /^[0-9()+\- ]{5,20}$/;

export function telRule(tel: string | null | undefined): ErrorCode | undefined {
  return tel && !TEL.test(tel) ? 'address.tel_format' : undefined;
}

export function emailRule(email: string | null | undefined): ErrorCode | undefined {
  return email && !EMAIL.test(email) ? 'address.email_format' : undefined;
}
