// The shared axios factory: whose token goes on which call, and which 401 leaves the page.
import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { apiBaseUrl, createApiClient } from './http';

/** Answers every call with `status`, remembering the requests (no network). */
function answering(status: number) {
  const seen: InternalAxiosRequestConfig[] = [];
  const adapter: AxiosAdapter = async (config) => {
    seen.push(config);
    const response = { data: {}, status, statusText: '', headers: {}, config };
    if (status >= 400) throw Object.assign(new Error(`status ${status}`), { isAxiosError: true, config, response });
    return response;
  };
  return { adapter, seen };
}

describe('createApiClient', () => {
  it('sends the session\'s token only on authenticated and lenient calls', async () => {
    const { adapter, seen } = answering(200);
    const { http } = createApiClient({ token: () => 'abc' });
    await http.get('/open/', { adapter });
    await http.get('/mine/', { adapter, authenticated: true });
    await http.get('/cart/', { adapter, lenient: true });
    expect(seen.map((config) => config.headers.get('Authorization') ?? null)).toEqual([null, 'JWT abc', 'JWT abc']);
  });

  it('reads the token at each call, so a login or logout counts at once', async () => {
    const { adapter, seen } = answering(200);
    let token: string | null = 'first';
    const { http } = createApiClient({ token: () => token });
    await http.get('/mine/', { adapter, authenticated: true });
    token = null;
    await http.get('/mine/', { adapter, authenticated: true });
    expect(seen.map((config) => config.headers.get('Authorization') ?? null)).toEqual(['JWT first', null]);
  });

  it('calls the 401 handler for an authenticated call only, and still rejects', async () => {
    const { adapter } = answering(401);
    const client = createApiClient({ token: () => 'stale' });
    let calls = 0;
    client.setUnauthorizedHandler(() => calls++);
    await expect(client.http.get('/cart/', { adapter, lenient: true })).rejects.toThrow('status 401');
    await expect(client.http.get('/open/', { adapter })).rejects.toThrow('status 401');
    expect(calls).toBe(0);
    await expect(client.http.get('/mine/', { adapter, authenticated: true })).rejects.toThrow('status 401');
    expect(calls).toBe(1);
  });

  it('falls back to the development API outside a page with /config.js', () => {
    expect(apiBaseUrl()).toBe('http://127.0.0.1:8000');
  });
});
