import type { Credentials, MobileCount, Profile, Registered, Registration, Session, UsernameCount } from '@meiduo/contract/users';
import axios, { isAxiosError } from 'axios';
import { useAuthStore } from './stores/auth';

/**
 * The API lives on another origin (contract §1.1/§1.2). Its URL comes from /config.js at
 * run time rather than from a build-time variable, so the same dist/ can be deployed
 * against any API host.
 */
const DEFAULT_API_URL = 'http://127.0.0.1:8000';

function apiBaseUrl(): string {
  const configured = window.MEIDUO_CONFIG?.apiUrl?.trim();
  return (configured || DEFAULT_API_URL).replace(/\/+$/, '');
}

export const http = axios.create({
  baseURL: apiBaseUrl(),
  // A blur check or an SMS request should fail visibly rather than hang forever when the
  // API is down.
  timeout: 10_000,
});

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Sends the logged-in user's JWT. Per request, never global: the original API answers 401
     * to a stale token even on public endpoints (contract §1.3). A 401 answer sends the user to
     * the login page and back.
     */
    authenticated?: boolean;
    /** Sends the JWT if there is one, and never leaves the page over a 401 (the cart, §7.2). */
    lenient?: boolean;
  }
}

let onUnauthorized: () => void = () => {};

/** What to do when an authenticated call answers 401 (main.ts: log out, go to login with ?next=). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

http.interceptors.request.use((config) => {
  if (config.authenticated || config.lenient) {
    const token = useAuthStore().token;
    if (token) config.headers.set('Authorization', `JWT ${token}`);
  }
  return config;
});

http.interceptors.response.use(undefined, (error: unknown) => {
  if (isAxiosError(error) && error.config?.authenticated && error.response?.status === 401) onUnauthorized();
  return Promise.reject(error);
});

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

// ---- error helpers (contract §1.5) ----

/** The HTTP status of a failed call, or undefined when the server never answered. */
export function errorStatus(err: unknown): number | undefined {
  return isAxiosError(err) ? err.response?.status : undefined;
}

/** The catalogue code of a failed call (its `Error-Code` header): what a page switches on, not the text. */
export function errorCode(err: unknown): string | undefined {
  const code: unknown = isAxiosError(err) ? err.response?.headers['error-code'] : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The parsed JSON body of a failed call, if any. */
export function errorBody(err: unknown): unknown {
  return isAxiosError(err) ? err.response?.data : undefined;
}

/**
 * The first message stored under `key` of an error body: E1/E2 keep a list of strings per
 * key, E4/E5 a single string.
 */
export function messageAt(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0] || undefined;
  return undefined;
}
