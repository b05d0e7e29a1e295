// The one axios factory of the browser apps (the storefront and the back office). The API lives
// on another origin (contract §1.1/§1.2); its URL comes from /config.js at run time rather than
// from a build-time variable, so the same dist/ can be deployed against any API host.
import axios, { isAxiosError, type AxiosInstance } from 'axios';

declare global {
  /** Set by /config.js (the server that serves a dist/ answers it) before the app bundle runs. */
  interface Window {
    MEIDUO_CONFIG?: { apiUrl?: string };
  }
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Sends the session's JWT. Per request, never global: the original API answers 401 to a
     * stale token even on public endpoints (contract §1.3). A 401 answer calls `onUnauthorized`.
     */
    authenticated?: boolean;
    /** Sends the JWT if there is one, and never leaves the page over a 401 (the cart, §7.2). */
    lenient?: boolean;
  }
}

const DEFAULT_API_URL = 'http://127.0.0.1:8000';

export function apiBaseUrl(): string {
  // No window outside a browser (unit tests): the default.
  const configured = typeof window === 'undefined' ? undefined : window.MEIDUO_CONFIG?.apiUrl?.trim();
  return (configured || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** Where an app keeps its own session: each app its own keys, so neither logs the other out. */
export interface SessionSource {
  token(): string | null | undefined;
}

export interface ApiClient {
  http: AxiosInstance;
  /** What to do when an authenticated call answers 401 (log out, go to login and back). */
  setUnauthorizedHandler(handler: () => void): void;
}

export function createApiClient(session: SessionSource): ApiClient {
  const http = axios.create({
    baseURL: apiBaseUrl(),
    // A call should fail visibly rather than hang forever when the API is down.
    timeout: 10_000,
  });
  let onUnauthorized: () => void = () => {};
  http.interceptors.request.use((config) => {
    if (config.authenticated || config.lenient) {
      const token = session.token();
      if (token) config.headers.set('Authorization', `JWT ${token}`);
    }
    return config;
  });
  http.interceptors.response.use(undefined, (error: unknown) => {
    if (isAxiosError(error) && error.config?.authenticated && error.response?.status === 401) onUnauthorized();
    return Promise.reject(error);
  });
  return {
    http,
    setUnauthorizedHandler: (handler) => {
      onUnauthorized = handler;
    },
  };
}
