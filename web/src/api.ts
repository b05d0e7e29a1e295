import type { Credentials, MobileCount, Profile, Registered, Registration, Session, UsernameCount } from '@meiduo/contract/users';
import { createApiClient } from '@meiduo/client/http';
import { useAuthStore } from './stores/auth';

// The shared factory (client/src/http.ts): the shopper's token, from the shop's own keys.
const client = createApiClient({ token: () => useAuthStore().token });

export const http = client.http;

/** What to do when an authenticated call answers 401 (main.ts: log out, go to login with ?next=). */
export const setUnauthorizedHandler = client.setUnauthorizedHandler;

// ---- endpoints (every URL ends with '/', contract §1.1) ----

export async function usernameCount(username: string): Promise<number> {
  const { data } = await http.get<UsernameCount>(`/usernames/${encodeURIComponent(username)}/count/`);
  return data.count;
}

export async function mobileCount(mobile: string): Promise<number> {
  const { data } = await http.get<MobileCount>(`/mobiles/${encodeURIComponent(mobile)}/count/`);
  return data.count;
}

/** Variant B of contract §2.2: no image captcha, so no query string. */
export async function sendSmsCode(mobile: string): Promise<void> {
  await http.get(`/sms_codes/${encodeURIComponent(mobile)}/`);
}

export async function registerUser(payload: Registration): Promise<Registered> {
  const { data } = await http.post<Registered>('/users/', payload);
  return data;
}

/** Logs in; `captcha` only once the API has asked for one (`user.captcha_required`). */
export async function login(username: string, password: string, captcha?: { imageCodeId: string; text: string }): Promise<Session> {
  const body: Credentials = captcha ? { username, password, image_code_id: captcha.imageCodeId, image_code: captcha.text } : { username, password };
  // withCredentials lets the API read and clear the anonymous cart cookie it set on its own
  // origin, so the cart can be merged at login (contract §3.4, §7.4).
  const { data } = await http.post<Session>('/authorizations/', body, { withCredentials: true });
  return data;
}

export async function currentUser(): Promise<Profile> {
  const { data } = await http.get<Profile>('/user/', { authenticated: true });
  return data;
}

// ---- error helpers (contract §1.5), shared with the back office ----

export { errorBody, errorCode, errorStatus, messageAt } from '@meiduo/client/errors';
