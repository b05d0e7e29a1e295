import type { Address, AddressBook, AddressInput, AddressTitle } from '@meiduo/contract/addresses';
import type { AreaBrief, AreaWithSubs } from '@meiduo/contract/areas';
import type { EmailSet } from '@meiduo/contract/emails';
import type { QqBinding, QqBound, QqCallback } from '@meiduo/contract/oauth';
import type { PasswordChange, PasswordReset, ResetPasswordToken, ResetSmsToken } from '@meiduo/contract/passwords';
import { http } from './api';

/**
 * The account side of the user centre: e-mail, address book, areas, passwords and QQ login
 * (contract §2.3, §3.6–§3.8, §3.10, §3.11, §4, §5). The HTTP client and the login calls are
 * api.ts; the shapes are the API's own (@meiduo/contract), imported as types only.
 */

const path = (value: string | number) => encodeURIComponent(String(value));

// ---- e-mail (§3.6, §3.7) ----

/** Sets the e-mail and has the verification link mailed; calling it again resends the link. */
export async function setEmail(email: string): Promise<EmailSet> {
  const { data } = await http.put<EmailSet>('/email/', { email }, { authenticated: true });
  return data;
}

export async function verifyEmail(token: string): Promise<void> {
  await http.get('/emails/verification/', { params: { token } });
}

// ---- areas (§5) ----

// The API lets browsers keep areas for an hour (Cache-Control), so the selects reload them for free.

export async function provinces(): Promise<AreaBrief[]> {
  const { data } = await http.get<AreaBrief[]>('/areas/');
  return data;
}

/** The direct children of an area: a province's cities, a city's districts. */
export async function subAreas(id: number): Promise<AreaBrief[]> {
  const { data } = await http.get<AreaWithSubs>(`/areas/${path(id)}/`);
  return data.subs;
}

// ---- address book (§3.8) ----

export async function addressBook(): Promise<AddressBook> {
  const { data } = await http.get<AddressBook>('/addresses/', { authenticated: true });
  return data;
}

export async function createAddress(input: AddressInput): Promise<Address> {
  const { data } = await http.post<Address>('/addresses/', input, { authenticated: true });
  return data;
}

export async function updateAddress(id: number, input: AddressInput): Promise<Address> {
  const { data } = await http.put<Address>(`/addresses/${path(id)}/`, input, { authenticated: true });
  return data;
}

export async function deleteAddress(id: number): Promise<void> {
  await http.delete(`/addresses/${path(id)}/`, { authenticated: true });
}

export async function setDefaultAddress(id: number): Promise<void> {
  await http.put(`/addresses/${path(id)}/status/`, {}, { authenticated: true });
}

export async function setAddressTitle(id: number, title: string): Promise<AddressTitle> {
  const { data } = await http.put<AddressTitle>(`/addresses/${path(id)}/title/`, { title }, { authenticated: true });
  return data;
}

// ---- passwords (§3.11, and the reset by SMS §3.10, §2.3) ----

export async function changePassword(userId: number | string, input: PasswordChange): Promise<void> {
  await http.put(`/users/${path(userId)}/password/`, input, { authenticated: true });
}

/** Reset step 1: the account and the captcha's answer → the masked mobile and a token. */
export async function resetSmsToken(account: string, imageCodeId: string, text: string): Promise<ResetSmsToken> {
  const { data } = await http.get<ResetSmsToken>(`/accounts/${path(account)}/sms/token/`, {
    params: { image_code_id: imageCodeId, text },
  });
  return data;
}

/** Reset step 2: the SMS goes to the mobile named inside the token. */
export async function sendResetSms(accessToken: string): Promise<void> {
  await http.get('/sms_codes/', { params: { access_token: accessToken } });
}

/** Reset step 3: the SMS code → the token that sets the password. */
export async function resetPasswordToken(account: string, smsCode: string): Promise<ResetPasswordToken> {
  const { data } = await http.get<ResetPasswordToken>(`/accounts/${path(account)}/password/token/`, {
    params: { sms_code: smsCode },
  });
  return data;
}

/** Reset step 4. */
export async function resetPassword(userId: number, input: PasswordReset): Promise<void> {
  await http.post(`/users/${path(userId)}/password/`, input);
}

/** The captcha picture for the client's own id (an <img> loads it). */
export function imageCodeUrl(uuid: string): string {
  return `${http.defaults.baseURL ?? ''}/image_codes/${path(uuid)}/`;
}

// ---- QQ login (§4) ----
// withCredentials: a login merges the anonymous cart, whose cookie lives on the API's origin.

export async function qqLoginUrl(next: string): Promise<string> {
  const { data } = await http.get<{ login_url: string }>('/oauth/qq/authorization/', { params: { next } });
  return data.login_url;
}

export async function qqCallback(code: string, state: string): Promise<QqCallback> {
  const { data } = await http.get<QqCallback>('/oauth/qq/user/', { params: { code, state }, withCredentials: true });
  return data;
}

export async function qqBind(input: QqBinding): Promise<QqBound> {
  const { data } = await http.post<QqBound>('/oauth/qq/user/', input, { withCredentials: true });
  return data;
}
