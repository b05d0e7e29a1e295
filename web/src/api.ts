import axios, { isAxiosError } from 'axios';

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

// ---- response shapes (contract §3) ----

export interface CountResult {
  count: number;
}

export interface LoginResult {
  token: string;
  user_id: number;
  username: string;
}

export interface RegisterResult {
  id: number;
  username: string;
  mobile: string;
  token: string;
}

export interface UserProfile {
  id: number;
  username: string;
  mobile: string;
  email: string;
  email_active: boolean;
}

export interface RegisterPayload {
  username: string;
  password: string;
  password2: string;
  mobile: string;
  sms_code: string;
  /** The contract wants the string form of the checkbox, as the original page sent it. */
  allow: 'true';
}

// ---- endpoints (every URL ends with '/', contract §1.1) ----

export async function usernameCount(username: string): Promise<number> {
  const { data } = await http.get<CountResult>(`/usernames/${encodeURIComponent(username)}/count/`);
  return data.count;
}

export async function mobileCount(mobile: string): Promise<number> {
  const { data } = await http.get<CountResult>(`/mobiles/${encodeURIComponent(mobile)}/count/`);
  return data.count;
}

/** Variant B of contract §2.2: no image captcha, so no query string. */
export async function sendSmsCode(mobile: string): Promise<void> {
  await http.get(`/sms_codes/${encodeURIComponent(mobile)}/`);
}

export async function registerUser(payload: RegisterPayload): Promise<RegisterResult> {
  const { data } = await http.post<RegisterResult>('/users/', payload);
  return data;
}

export async function login(username: string, password: string): Promise<LoginResult> {
  // withCredentials lets the API read and clear the anonymous cart cookie it set on its own
  // origin, so the cart can be merged at login (contract §3.4, §7.4).
  const { data } = await http.post<LoginResult>(
    '/authorizations/',
    { username, password },
    { withCredentials: true },
  );
  return data;
}

/**
 * The JWT header is added per call, never globally: the API authenticates eagerly and
 * answers 401 to a bad token even on public endpoints (contract §1.3).
 */
export async function currentUser(token: string): Promise<UserProfile> {
  const { data } = await http.get<UserProfile>('/user/', {
    headers: { Authorization: `JWT ${token}` },
  });
  return data;
}

// ---- error helpers (contract §1.5) ----

/** The HTTP status of a failed call, or undefined when the server never answered. */
export function errorStatus(err: unknown): number | undefined {
  return isAxiosError(err) ? err.response?.status : undefined;
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
